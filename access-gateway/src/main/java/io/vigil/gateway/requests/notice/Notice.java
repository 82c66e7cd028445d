package io.vigil.gateway.requests.notice;

import java.util.List;

/**
 * A written notice to a requester, already in its language: what {@link NoticeHtml} prints
 * and {@link NoticePdf} lays out. Only words, no markup: both renderings escape or draw them.
 *
 * @param language  "ko" or "en"
 * @param kind      which notice
 * @param site      the hospital's name, printed at the top
 * @param title     the notice's title
 * @param sections  in reading order
 * @param footer    the closing line (who issued it, when)
 */
public record Notice(String language, NoticeKind kind, String site, String title, List<Section> sections, String footer) {
    public Notice {
        sections = List.copyOf(sections);
    }

    /** A labelled fact ("Request number: SR-2026-0001"). */
    public record Row(String label, String value) {}

    /** A part of a notice: an optional heading, then paragraphs, then facts. */
    public record Section(String heading, List<String> paragraphs, List<Row> rows) {
        public Section {
            paragraphs = List.copyOf(paragraphs);
            rows = List.copyOf(rows);
        }
    }
}
