package io.vigil.gateway.requests.notice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A notice as an A4 PDF drawn with Apache PDFBox, with the Hangul font of {@link HangulFont}
 * embedded (as a subset with its Unicode map, so the text can be searched and extracted:
 * {@code pdftotext} gives the Korean back). Simple layout: the site, the title, then each
 * section's heading, paragraphs and label/value rows, wrapped at word boundaries, with page
 * breaks; the footer closes the last page.
 */
public final class NoticePdf {
    private static final float MARGIN = 56;
    private static final float BODY = 10.5f;
    private static final float LEADING = 1.45f;
    private static final float LABEL_WIDTH = 140;

    private final PDDocument doc;
    private final PDType0Font regular;
    private final PDType0Font bold;
    private final Map<Integer, Boolean> drawable = new HashMap<>();
    private PDPageContentStream cs;
    private float y;

    private NoticePdf(PDDocument doc, HangulFont.Faces faces) throws IOException {
        this.doc = doc;
        this.regular = PDType0Font.load(doc, faces.regular().toFile());
        this.bold = faces.bold().equals(faces.regular()) ? regular : PDType0Font.load(doc, faces.bold().toFile());
    }

    /** The PDF's bytes. Throws {@link HangulFont.MissingException} when no Hangul font is installed. */
    public static byte[] render(Notice n) {
        HangulFont.Faces faces = HangulFont.locate();
        try (PDDocument doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(n.title() + " · " + n.site());
            doc.getDocumentInformation().setCreator("Vigil");
            doc.getDocumentCatalog().setLanguage(n.language());
            NoticePdf pdf = new NoticePdf(doc, faces);
            pdf.draw(n);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF notice " + n.kind().wire(), e);
        }
    }

    private void draw(Notice n) throws IOException {
        newPage();
        lines(List.of(n.site()), regular, BODY, MARGIN, width());
        y -= 6;
        lines(wrap(n.title(), bold, 17, width()), bold, 17, MARGIN, width());
        rule();
        for (Notice.Section s : n.sections()) {
            y -= 8;
            if (s.heading() != null) lines(wrap(s.heading(), bold, 12.5f, width()), bold, 12.5f, MARGIN, width());
            for (String p : s.paragraphs()) {
                lines(wrap(p, regular, BODY, width()), regular, BODY, MARGIN, width());
                y -= 3;
            }
            for (Notice.Row r : s.rows()) row(r);
        }
        y -= 14;
        rule();
        lines(wrap(n.footer(), regular, 9.5f, width()), regular, 9.5f, MARGIN, width());
        cs.close();
    }

    private void row(Notice.Row r) throws IOException {
        float valueX = MARGIN + LABEL_WIDTH;
        List<String> label = wrap(r.label(), bold, BODY, LABEL_WIDTH - 8);
        List<String> value = wrap(r.value(), regular, BODY, width() - LABEL_WIDTH);
        int n = Math.max(label.size(), value.size());
        if (y - n * BODY * LEADING < MARGIN) newPage();
        float top = y;
        lines(label, bold, BODY, MARGIN, LABEL_WIDTH);
        float afterLabel = y;
        y = top;
        lines(value, regular, BODY, valueX, width() - LABEL_WIDTH);
        y = Math.min(y, afterLabel) - 2;
    }

    private void lines(List<String> lines, PDType0Font font, float size, float x, float w) throws IOException {
        for (String line : lines) {
            if (y - size * LEADING < MARGIN) newPage();
            y -= size * LEADING;
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, y);
            cs.showText(line);
            cs.endText();
        }
    }

    private void rule() throws IOException {
        y -= 6;
        cs.moveTo(MARGIN, y);
        cs.lineTo(MARGIN + width(), y);
        cs.stroke();
        y -= 4;
    }

    private void newPage() throws IOException {
        if (cs != null) cs.close();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = page.getMediaBox().getHeight() - MARGIN;
    }

    private static float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    /** Breaks text into lines no wider than {@code w}: at spaces, or inside a word longer than a line. */
    private List<String> wrap(String text, PDType0Font font, float size, float w) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : drawableText(text, font).split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                String tryLine = line.length() == 0 ? word : line + " " + word;
                if (width(tryLine, font, size) <= w) {
                    line.setLength(0);
                    line.append(tryLine);
                    continue;
                }
                if (line.length() > 0) out.add(line.toString());
                line.setLength(0);
                for (int i = 0; i < word.length(); ) {
                    int cp = word.codePointAt(i);
                    String next = line.toString() + new String(Character.toChars(cp));
                    if (width(next, font, size) > w && line.length() > 0) {
                        out.add(line.toString());
                        line.setLength(0);
                    }
                    line.appendCodePoint(cp);
                    i += Character.charCount(cp);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    private static float width(String s, PDType0Font font, float size) throws IOException {
        return font.getStringWidth(s) / 1000 * size;
    }

    /** The text with characters the font has no glyph for replaced by '?', so one odd character never loses a notice. */
    private String drawableText(String text, PDType0Font font) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t' || cp == '\r') cp = ' ';
            if (cp == '\n') {
                b.append('\n');
                return;
            }
            int c = cp;
            boolean ok = drawable.computeIfAbsent(c, k -> {
                try {
                    font.encode(new String(Character.toChars(k)));
                    return true;
                } catch (IllegalArgumentException | IOException e) {
                    return false;
                }
            });
            b.appendCodePoint(ok ? c : '?');
        });
        return b.toString();
    }
}
