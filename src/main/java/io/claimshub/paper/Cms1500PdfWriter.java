package io.claimshub.paper;

import io.claimshub.config.PayerConfig;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Prints CMS-1500 pages into one PDF, letter size, the grid in Courier 12 pt (10 characters and 6
 * lines per inch). In {@code DATA} mode the PDF holds the text alone, to be printed onto the payer's
 * red-ink forms; in {@code FORM} mode the hub's own drawing of the boxes is under the text. The
 * payer's offset moves the text (not the drawing) by whole 1/10 inches, for printer alignment.
 * Stateless and safe to share.
 */
public final class Cms1500PdfWriter {

    /** Points per character column and per unit of the payer's offset (1/10 inch), and per line (1/6 inch). */
    static final float COLUMN = 7.2f;
    static final float LINE = 12f;
    static final float PAGE_HEIGHT = PDRectangle.LETTER.getHeight();
    /** From the top of a grid line to the Courier baseline: the glyphs sit inside their line. */
    private static final float BASELINE = 9f;
    private static final float FONT_SIZE = 12f;
    /** A fixed document id: the same pages give the same bytes. */
    private static final long DOCUMENT_ID = 1500L;

    public void write(List<Cms1500Page> pages, PayerConfig.Paper paper, OutputStream out) throws IOException {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a paper batch has at least one page");
        }
        try (PDDocument document = new PDDocument()) {
            document.setDocumentId(DOCUMENT_ID);
            PDType1Font courier = new PDType1Font(Standard14Fonts.FontName.COURIER);
            for (Cms1500Page page : pages) {
                PDPage pdfPage = new PDPage(PDRectangle.LETTER);
                document.addPage(pdfPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdfPage)) {
                    if (paper.mode() == PayerConfig.PaperMode.FORM) {
                        Cms1500FormDrawing.draw(content);
                    }
                    content.beginText();
                    content.setFont(courier, FONT_SIZE);
                    for (int line = 1; line <= Cms1500Item.LINES; line++) {
                        String text = page.line(line);
                        if (!text.isEmpty()) {
                            content.setTextMatrix(Matrix.getTranslateInstance(
                                    paper.offsetX() * COLUMN, baseline(line) - paper.offsetY() * COLUMN));
                            content.showText(text);
                        }
                    }
                    content.endText();
                }
            }
            document.save(out);
        }
    }

    /** PDF y (from the bottom of the page) of grid line 1 to 66's baseline. */
    static float baseline(int line) {
        return PAGE_HEIGHT - (line - 1) * LINE - BASELINE;
    }
}
