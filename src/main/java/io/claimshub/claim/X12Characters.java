package io.claimshub.claim;

import java.text.Normalizer;
import java.util.Map;

/**
 * The X12 basic character set (upper-case letters, digits, space and {@code ! " & ' ( ) * + , - . / : ; ? =})
 * and how text gets into it: letters with accents lose them ({@code MUÑOZ} → {@code MUNOZ}) and letters
 * that are not a base letter with marks are spelt out ({@code ß} → {@code SS}). Nothing becomes {@code ?}.
 */
public final class X12Characters {

    private static final String BASIC_SPECIALS = " !\"&'()*+,-./:;?=";
    /** Letters that Unicode does not decompose into a base letter and marks. */
    private static final Map<Character, String> SPELT_OUT = Map.ofEntries(
            Map.entry('ß', "SS"), Map.entry('ẞ', "SS"), Map.entry('Æ', "AE"), Map.entry('æ', "AE"),
            Map.entry('Œ', "OE"), Map.entry('œ', "OE"), Map.entry('Ø', "O"), Map.entry('ø', "O"),
            Map.entry('Ð', "D"), Map.entry('ð', "D"), Map.entry('Đ', "D"), Map.entry('đ', "D"),
            Map.entry('Þ', "TH"), Map.entry('þ', "TH"), Map.entry('Ł', "L"), Map.entry('ł', "L"),
            Map.entry('ı', "I"), Map.entry('Ħ', "H"), Map.entry('ħ', "H"),
            Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('‚', "'"), Map.entry('“', "\""),
            Map.entry('”', "\""), Map.entry('–', "-"), Map.entry('—', "-"), Map.entry('\u00A0', " "));

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");

    private X12Characters() {
    }

    /**
     * Upper case, accents stripped, special letters spelt out. Characters that have no basic equivalent are
     * kept as they are, so {@link #untranslatable} can find them.
     */
    public static String transliterate(String value) {
        if (value == null) {
            return null;
        }
        if (ascii(value)) {
            // nothing to decompose or spell out (every SPELT_OUT letter is beyond ASCII): most values, on the
            // hot path of every claim's edits and 837
            return value.toUpperCase(java.util.Locale.ROOT);
        }
        StringBuilder spelt = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = SPELT_OUT.get(c);
            spelt.append(replacement != null ? replacement : String.valueOf(c));
        }
        String decomposed = Normalizer.normalize(spelt, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static boolean basic(char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || BASIC_SPECIALS.indexOf(c) >= 0;
    }

    /** The first character of the transliterated text outside the basic set (ignoring controls), or 0. */
    public static char untranslatable(String value) {
        String text = transliterate(value);
        if (text == null) {
            return 0;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!basic(c) && !Character.isISOControl(c) && !Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }

    /** "U+00A7 '§'" — how a reason names a character. */
    public static String describe(char c) {
        return String.format("'%c' (U+%04X)", c, (int) c);
    }
}
