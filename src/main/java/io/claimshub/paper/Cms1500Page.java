package io.claimshub.paper;

import java.util.Arrays;

/**
 * One printed CMS-1500 page as the 85 by 66 character grid of the 10 cpi / 6 lpi layout. Values go in
 * by item ({@link Cms1500Item}); the PDF writer prints the grid line by line, so every character lands
 * in its cell whatever the font's metrics.
 */
public final class Cms1500Page {

    private final char[][] cells = new char[Cms1500Item.LINES][Cms1500Item.COLUMNS];

    public Cms1500Page() {
        for (char[] line : cells) {
            Arrays.fill(line, ' ');
        }
    }

    /** Puts a value in an item that is not per service line; a value longer than the item is cut. */
    public Cms1500Page put(Cms1500Item item, String value) {
        return write(item.line(), item, value);
    }

    /** Puts a value in a box 24 item of service line 0 to 5 of this page. */
    public Cms1500Page put(Cms1500Item item, int serviceLine, String value) {
        return write(item.lineOn(serviceLine), item, value);
    }

    private Cms1500Page write(int line, Cms1500Item item, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        String text = value.length() > item.width() ? value.substring(0, item.width()) : value;
        for (int i = 0; i < text.length(); i++) {
            cells[line - 1][item.column() - 1 + i] = text.charAt(i);
        }
        return this;
    }

    /** Grid line 1 to 66, trailing blanks removed. */
    public String line(int line) {
        return new String(cells[line - 1]).stripTrailing();
    }

    /** The whole page, one grid line per text line: what the golden files hold. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line <= Cms1500Item.LINES; line++) {
            text.append(line(line)).append('\n');
        }
        return text.toString();
    }
}
