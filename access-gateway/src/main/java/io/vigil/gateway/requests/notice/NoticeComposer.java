package io.vigil.gateway.requests.notice;

import io.vigil.config.CameraId;
import io.vigil.gateway.i18n.Messages;
import io.vigil.gateway.requests.RefusalGround;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.storage.Span;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link Notice} from a request and its {@link NoticeFacts}, every word from the
 * resource bundle of the notice's language ({@code notice.*}, {@code requests.*}); the
 * requester's own words and configured names are printed as given. Dates and times are
 * 24-hour {@code YYYY-MM-DD HH:mm:ss} in the site's zone, as everywhere in Vigil.
 */
public final class NoticeComposer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final String lang;
    private final SubjectRequest r;
    private final NoticeFacts facts;

    private NoticeComposer(String lang, SubjectRequest r, NoticeFacts facts) {
        this.lang = lang;
        this.r = r;
        this.facts = facts;
    }

    /** The notice of {@code kind} for {@code r} in {@code lang}; the caller has checked {@link NoticeKind#unavailableReason}. */
    public static Notice compose(NoticeKind kind, String lang, SubjectRequest r, NoticeFacts facts) {
        NoticeComposer c = new NoticeComposer(lang, r, facts);
        List<Notice.Section> sections = new ArrayList<>();
        sections.add(c.about());
        switch (kind) {
            case RECEIPT -> sections.add(c.receipt());
            case VIEWING -> sections.add(c.viewing());
            case EXISTENCE -> sections.addAll(c.existence());
            case DEFERRAL -> sections.add(c.deferral());
            case REFUSAL -> sections.add(c.refusal());
            case DESTRUCTION -> sections.add(c.destruction());
        }
        if (kind == NoticeKind.DEFERRAL || kind == NoticeKind.REFUSAL
                || (kind == NoticeKind.DESTRUCTION && facts.erasure() != null && facts.erasure().keptSegments() > 0)) {
            sections.add(c.objection());
        }
        String footer = c.t("notice.footer", Map.of("site", facts.site(), "time", c.time(facts.now()), "by", facts.issuedBy()));
        return new Notice(lang, kind, facts.site(), c.t("notice." + kind.wire() + ".title"), sections, footer);
    }

    /** Who asked what, about which footage: the head of every notice. */
    private Notice.Section about() {
        List<Notice.Row> rows = new ArrayList<>();
        rows.add(row("notice.number", r.number()));
        String requester = r.requesterName() == null ? t("notice.requester.erased") : r.requesterName();
        rows.add(row("notice.requester", requester));
        if (r.representative() != null) {
            rows.add(row("notice.representative", r.representative().name() + " (" + r.representative().relationship() + ")"));
        }
        rows.add(row("notice.received", time(r.receivedAt())));
        rows.add(row("notice.kinds", r.kinds().stream().map(k -> t("requests.kind." + k.wire())).collect(Collectors.joining(", "))));
        rows.add(row("notice.footage", t("notice.footage.value", Map.of("cameras", cameraNames(r),
                "from", time(r.from()), "to", time(r.to())))));
        return new Notice.Section(null, List.of(), rows);
    }

    private Notice.Section receipt() {
        List<String> p = new ArrayList<>();
        p.add(t("notice.receipt.text", Map.of("received", time(r.receivedAt()), "lastDay", day(r.deadline()))));
        p.add(t("notice.receipt.held"));
        if (r.urgent()) p.add(t("notice.receipt.urgent"));
        List<Notice.Row> rows = new ArrayList<>();
        if (r.identity() != null) {
            rows.add(row("notice.identity", t("notice.identity.value", Map.of("document", t("requests.doc." + r.identity().documentType()),
                    "by", r.identity().checkedBy(), "at", time(r.identity().checkedAt())))));
        }
        rows.add(row("notice.lastDay", day(r.deadline())));
        return new Notice.Section(t("notice.receipt.heading"), p, rows);
    }

    private Notice.Section viewing() {
        List<Notice.Row> rows = new ArrayList<>();
        rows.add(row("notice.viewing.what", t("notice.viewing.what.value", Map.of("cameras", cameraNames(r),
                "from", time(r.from()), "to", time(r.to())))));
        Instant until = r.kiosk() == null ? null : r.kiosk().expiresAt();
        String when = facts.viewingAt() != null ? time(facts.viewingAt())
                : until != null ? t("notice.viewing.when.until", Map.of("until", time(until))) : t("notice.viewing.when.agree");
        rows.add(row("notice.viewing.when", when));
        rows.add(row("notice.viewing.where", facts.viewingPlace() != null ? facts.viewingPlace() : t("notice.viewing.where.default")));
        rows.add(row("notice.viewing.bring", t("notice.viewing.bring.value")));
        List<String> p = List.of(t("notice.viewing.text"), t("notice.viewing.masked"));
        return new Notice.Section(t("notice.viewing.heading"), p, rows);
    }

    private List<Notice.Section> existence() {
        List<Notice.Section> out = new ArrayList<>();
        out.add(new Notice.Section(t("notice.existence.heading"), List.of(t("notice.existence.text")), List.of()));
        for (CameraId cam : r.cameras()) {
            List<Notice.Row> rows = new ArrayList<>();
            long recorded = 0;
            for (Span s : facts.existence().getOrDefault(cam, List.of())) {
                long secs = (s.end().toEpochMilli() - s.start().toEpochMilli()) / 1000;
                String span = time(s.start()) + " – " + time(s.end());
                if (s.recorded()) {
                    recorded += secs;
                    rows.add(new Notice.Row(t("notice.existence.recorded"), span + " (" + t("notice.seconds", Map.of("n", secs)) + ")"));
                } else {
                    String why = s.gapReason() == null || s.gapReason().isBlank() ? "" : " · " + s.gapReason();
                    rows.add(new Notice.Row(t("notice.existence.gap"), span + why));
                }
            }
            if (rows.isEmpty()) rows.add(new Notice.Row(t("notice.existence.gap"), time(r.from()) + " – " + time(r.to())));
            String heading = t("notice.existence.camera", Map.of("camera", cam.value(), "recorded", t("notice.seconds", Map.of("n", recorded))));
            out.add(new Notice.Section(heading, List.of(), rows));
        }
        return out;
    }

    private Notice.Section deferral() {
        var d = r.decision();
        List<Notice.Row> rows = List.of(row("notice.decision.date", time(d.at())), row("notice.deferral.until", day(d.deferredUntil())),
                row("notice.decision.reason", d.text()));
        return new Notice.Section(t("notice.deferral.heading"), List.of(t("notice.deferral.text")), rows);
    }

    private Notice.Section refusal() {
        var d = r.decision();
        List<Notice.Row> rows = new ArrayList<>();
        rows.add(row("notice.decision.date", time(d.at())));
        for (RefusalGround g : d.grounds()) rows.add(row("notice.refusal.ground", t("requests.ground." + g.code())));
        rows.add(row("notice.decision.reason", d.text()));
        return new Notice.Section(t("notice.refusal.heading"), List.of(t("notice.refusal.text")), rows);
    }

    private Notice.Section destruction() {
        NoticeFacts.Erasure e = facts.erasure();
        List<Notice.Row> rows = new ArrayList<>();
        rows.add(row("notice.destruction.at", time(e.at())));
        rows.add(row("notice.destruction.erased", t("notice.segments", Map.of("n", e.erasedSegments()))));
        rows.add(row("notice.destruction.method", t("notice.destruction.method.value")));
        List<String> p = new ArrayList<>();
        p.add(t("notice.destruction.text"));
        if (e.keptSegments() == 0) {
            p.add(t("notice.destruction.nothing-kept"));
        } else {
            p.add(t("notice.destruction.kept", Map.of("n", e.keptSegments())));
            for (NoticeFacts.KeptBy k : e.keptBy()) rows.add(row("notice.destruction.keptBy", k.reference() + " · " + k.reason()));
            p.add(t("notice.destruction.kept.why"));
        }
        return new Notice.Section(t("notice.destruction.heading"), p, rows);
    }

    /** How to object (video policy Art. 6; Enforcement Decree Art. 42(2)), as the hospital's policy lists the routes. */
    private Notice.Section objection() {
        String officer = facts.privacyOfficer() != null ? facts.privacyOfficer() : t("notice.objection.officer.default");
        List<String> p = List.of(t("notice.objection.text"),
                "1. " + t("notice.objection.officer", Map.of("officer", officer)),
                "2. " + t("notice.objection.committee"),
                "3. " + t("notice.objection.appeal"));
        return new Notice.Section(t("notice.objection.heading"), p, List.of());
    }

    private Notice.Row row(String labelKey, String value) {
        return new Notice.Row(t(labelKey), value == null ? "" : value);
    }

    private String t(String key) {
        return Messages.get().format(lang, key, Map.of());
    }

    private String t(String key, Map<String, ?> params) {
        return Messages.get().format(lang, key, new HashMap<>(params));
    }

    /** The request's cameras as the notice lists them: "cam-01, cam-02". */
    private static String cameraNames(SubjectRequest r) {
        return r.cameras().stream().map(CameraId::value).collect(Collectors.joining(", "));
    }

    private String time(Instant i) {
        return i == null ? "" : TIME.format(i.atZone(facts.zone()));
    }

    /** The last day of a deadline (which is the first instant after it), as the pages show it. */
    private String day(Instant deadline) {
        return deadline == null ? "" : DAY.format(deadline.minusNanos(1).atZone(facts.zone()));
    }
}
