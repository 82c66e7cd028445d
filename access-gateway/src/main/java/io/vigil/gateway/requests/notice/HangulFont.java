package io.vigil.gateway.requests.notice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds, at run time, the TrueType font a PDF notice embeds so that Hangul survives: Debian's
 * {@code fonts-nanum} (NanumGothic). A PDF without an embedded Hangul font loses the Korean
 * text, so a missing font is an error naming the package, never a notice with empty boxes.
 * The system property {@code vigil.hangulFont} names another .ttf (a site without Debian).
 */
public final class HangulFont {
    /** Where Debian's fonts-nanum puts the regular and bold faces. */
    static final Path DEBIAN_REGULAR = Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf");
    static final Path DEBIAN_BOLD = Path.of("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf");
    private static final Path FONT_ROOT = Path.of("/usr/share/fonts");

    /** No Hangul font on this machine; the message says what to install. */
    public static final class MissingException extends RuntimeException {
        MissingException(String message) {
            super(message, null, false, false);
        }
    }

    /** The regular face and, when present beside it, the bold face (titles), as file bytes. */
    public record Faces(Path regular, Path bold) {}

    private static volatile Faces cached;

    private HangulFont() {}

    public static Faces locate() {
        String configured = System.getProperty("vigil.hangulFont");
        if (configured != null && !configured.isBlank()) {
            Path regular = Path.of(configured);
            if (!Files.isReadable(regular)) {
                throw new MissingException("the Hangul font named by -Dvigil.hangulFont (" + regular + ") cannot be read;"
                        + " name a readable .ttf, or install Debian's fonts-nanum and leave the property out");
            }
            return faces(regular);
        }
        Faces f = cached;
        if (f != null && Files.isReadable(f.regular())) return f;
        Path regular = Files.isReadable(DEBIAN_REGULAR) ? DEBIAN_REGULAR : search().orElseThrow(() -> new MissingException(
                "no font with Hangul was found for PDF notices (looked for NanumGothic.ttf under " + FONT_ROOT
                        + "): install Debian's fonts-nanum (apt-get install fonts-nanum)"));
        f = faces(regular);
        cached = f;
        return f;
    }

    private static Faces faces(Path regular) {
        Path bold = regular.resolveSibling(regular.getFileName().toString().replace(".ttf", "Bold.ttf"));
        return new Faces(regular, Files.isReadable(bold) ? bold : regular);
    }

    private static Optional<Path> search() {
        if (!Files.isDirectory(FONT_ROOT)) return Optional.empty();
        try (Stream<Path> s = Files.walk(FONT_ROOT, 4)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals("NanumGothic.ttf")).sorted().toList();
            return found.stream().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + FONT_ROOT + " for a Hangul font", e);
        }
    }
}
