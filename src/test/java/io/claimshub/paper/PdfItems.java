package io.claimshub.paper;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripperByArea;

import javax.imageio.ImageIO;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a written CMS-1500 PDF back the way a payer's scanner would: the text inside each item's
 * rectangle of the print grid (PDFBox's PDFTextStripperByArea), with the payer's offset applied.
 */
public final class PdfItems implements AutoCloseable {

    private static final float TENTH_INCH = 7.2f;
    private static final float LINE = 12f;

    private final PDDocument document;
    private final int offsetX;
    private final int offsetY;

    private PdfItems(PDDocument document, int offsetX, int offsetY) {
        this.document = document;
        this.offsetX = offsetX;
        this.offsetY = offsetY;
    }

    public static PdfItems read(Path pdf) throws IOException {
        return read(Files.readAllBytes(pdf));
    }

    public static PdfItems read(byte[] pdf) {
        return read(pdf, 0, 0);
    }

    /** Looks for the items where a payer offset of {@code offsetX}, {@code offsetY} tenths of an inch puts them. */
    public static PdfItems read(byte[] pdf, int offsetX, int offsetY) {
        try {
            return new PdfItems(Loader.loadPDF(pdf), offsetX, offsetY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int pages() {
        return document.getNumberOfPages();
    }

    /** The text in an item that is not per service line, on page 0, 1, ... */
    public String item(int page, Cms1500Item item) {
        return area(page, item.line(), item.column(), item.width());
    }

    /** The text in a box 24 item of service line 0 to 5 of a page. */
    public String item(int page, Cms1500Item item, int serviceLine) {
        return area(page, item.lineOn(serviceLine), item.column(), item.width());
    }

    /** The text in grid cells: {@code width} columns from {@code column} on {@code line} (1-based). */
    public String area(int page, int line, int column, int width) {
        try {
            PDFTextStripperByArea stripper = new PDFTextStripperByArea();
            stripper.setSortByPosition(true);
            // A character is in the region when its left edge is: half a cell of slack either side.
            stripper.addRegion("item", new Rectangle2D.Float((column - 1.5f + offsetX) * TENTH_INCH,
                    (line - 1) * LINE + offsetY * TENTH_INCH, width * TENTH_INCH, LINE));
            stripper.extractRegions(document.getPage(page));
            return stripper.getTextForRegion("item").strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders every page to a PNG in {@code directory} (a build artefact for a look at the result). */
    public void renderTo(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < pages(); page++) {
                ImageIO.write(renderer.renderImageWithDPI(page, 100, ImageType.RGB), "png",
                        directory.resolve(name + "-page" + (page + 1) + ".png").toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        document.close();
    }
}
