package io.vigil.gateway.requests.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A notice's words as they are kept in the request record when it is issued (the hospital's
 * name, the title, the sections; not who printed it), so the same notice can be printed
 * again later word for word, whatever happened to the request since.
 */
public final class NoticeContent {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Words(String site, String title, List<Notice.Section> sections) {}

    private NoticeContent() {}

    /** The words of {@code n} as stored text; the same words always give the same text. */
    public static String encode(Notice n) {
        try {
            return JSON.writeValueAsString(new Words(n.site(), n.title(), n.sections()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notice kept as {@code content}, with {@code footer} (who issued it when, and the reprint line). */
    public static Notice decode(String content, NoticeKind kind, String language, String footer) {
        try {
            Words w = JSON.readValue(content, Words.class);
            return new Notice(language, kind, w.site(), w.title(), w.sections(), footer);
        } catch (IOException e) {
            throw new IllegalStateException("a kept notice is unreadable: " + e.getMessage(), e);
        }
    }
}
