package io.vigil.gateway.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Keeps each written notice of a request as it was issued, in the request record, so staff
 * can print it again at any time (e.g. the deferral notice after the request was approved).
 * The same notice printed again (same kind, language and words, e.g. its PDF after its HTML)
 * is one issued notice, not a new one. Called under {@link RequestWorkflow}'s lock.
 */
final class IssuedNotices {
    private final RequestJournal journal;

    IssuedNotices(RequestJournal journal) {
        this.journal = journal;
    }

    RequestWorkflow.NoticeIssue issue(String number, String kind, String language, String footer, String content, String actor) {
        SubjectRequest r = journal.get(number);
        if (r.notices == null) r.notices = new ArrayList<>();
        for (SubjectRequest.IssuedNotice n : r.notices) {
            if (n.kind().equals(kind) && n.language().equals(language) && Objects.equals(n.content(), content)) {
                return new RequestWorkflow.NoticeIssue(n, false, null);
            }
        }
        Instant now = journal.clock.instant();
        SubjectRequest.IssuedNotice n = new SubjectRequest.IssuedNotice(r.notices.size() + 1, kind, language, r.state, now, actor,
                footer, content);
        r.notices.add(n);
        return new RequestWorkflow.NoticeIssue(n, true, journal.store.put(r));
    }
}
