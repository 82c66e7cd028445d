package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.i18n.LanguageChoice;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.gateway.requests.notice.Notice;
import io.vigil.gateway.requests.notice.NoticeComposer;
import io.vigil.gateway.requests.notice.NoticeContent;
import io.vigil.gateway.requests.notice.NoticeFacts;
import io.vigil.gateway.requests.notice.NoticeKind;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.Span;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/requests/{number}/notices}: the written notices of a subject request
 * (docs/requests.md, "Notices"), printable HTML or PDF, Korean or English. Which notices a
 * request has depends on what happened to it ({@link NoticeKind#unavailableReason}). Each
 * notice issued is kept in the request record as issued ({@link IssuedNoticesApi} prints it
 * again later) and ledgered (kind, language, format; never its contents, which carry the
 * requester's name): the evidence that the hospital answered in writing.
 */
public final class NoticesApi {
    private final GatewayContext ctx;

    public NoticesApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/requests/{number}/notices", Router.Access.SESSION, this::list);
        r.add(HttpMethod.GET, "/api/v1/requests/{number}/notices/{kind}", Router.Access.SESSION, this::notice);
        new IssuedNoticesApi(ctx).register(r);
    }

    private Reply list(Exchange ex) {
        NoticeReplies.requireHandler(ctx, ex);
        SubjectRequest r = RequestsApi.call(() -> ctx.requests().get(ex.pathParam("number")));
        List<Map<String, Object>> out = new ArrayList<>();
        for (NoticeKind k : NoticeKind.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", k.wire());
            String why = k.unavailableReason(r);
            m.put("available", why == null);
            m.put("unavailableKey", why);
            out.add(m);
        }
        return Reply.ok(out);
    }

    private Reply notice(Exchange ex) {
        NoticeReplies.requireHandler(ctx, ex);
        NoticeKind kind = NoticeKind.fromWire(ex.pathParam("kind"));
        if (kind == null) throw ApiException.notFound("no notice '" + ex.pathParam("kind") + "' (receipt, viewing, existence, deferral, refusal, destruction)");
        String format = NoticeReplies.format(ex);
        String lang = LanguageChoice.of(ex, ctx.config().settings());
        RequestWorkflow w = ctx.requests();
        SubjectRequest r = RequestsApi.call(() -> w.get(ex.pathParam("number")));
        String why = kind.unavailableReason(r);
        if (why != null) {
            throw ApiException.keyed(HttpResponseStatus.CONFLICT, "conflict", why, Map.of("number", r.number(), "notice", kind.wire()));
        }
        Notice n = NoticeComposer.compose(kind, lang, r, facts(ex, kind, r));
        Reply reply = NoticeReplies.render(n, format, r.number() + "-" + kind.wire() + "-" + lang); // a PDF refused leaves no trace
        RequestWorkflow.NoticeIssue issued = RequestsApi.call(() -> w.issueNotice(r.number(), kind.wire(), lang, n.footer(),
                NoticeContent.encode(n), ex.<Principal>principal().username()));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("issued", Integer.toString(issued.notice().id()));
        if (issued.fresh()) extra.put("recordSha256", issued.recordSha256());
        NoticeReplies.ledger(ctx, ex, r, kind.wire(), lang, format, extra);
        return reply;
    }

    private NoticeFacts facts(Exchange ex, NoticeKind kind, SubjectRequest r) {
        var policy = ctx.config().policy();
        Instant now = ctx.clock().instant();
        Map<CameraId, List<Span>> existence = new LinkedHashMap<>();
        if (kind == NoticeKind.EXISTENCE) {
            for (CameraId cam : r.cameras()) existence.put(cam, ctx.store().segments().timeline(cam, r.from(), r.to()));
        }
        // The officer and the place are the published policy's (one place for each fact, docs/policy.md).
        String officer = policy.officer() == null ? null : policy.officer().oneLine();
        return new NoticeFacts(ctx.config().site(), officer, policy.viewingPlace(), w().deadlines().zone(), now,
                ex.<Principal>principal().username(), kind == NoticeKind.VIEWING ? viewingAt(ex) : null, existence,
                kind == NoticeKind.DESTRUCTION ? erasure(r) : null);
    }

    private RequestWorkflow w() {
        return ctx.requests();
    }

    /** {@code at}: the agreed viewing time as the page's date-time field gives it (site's zone), if any. */
    private Instant viewingAt(Exchange ex) {
        String at = ex.queryParam("at");
        if (at == null || at.isBlank()) return null;
        try {
            return LocalDateTime.parse(at).atZone(w().deadlines().zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badField("at", "requests.invalid.not-a-time", Map.of("value", at));
        }
    }

    /** The erase as its destruction entry recorded it, and the holds that kept footage (reference and reason). */
    private NoticeFacts.Erasure erasure(SubjectRequest r) {
        List<LedgerEntry> found = ctx.store().ledger().search(e -> e.record().type().equals(LedgerEventType.DESTRUCTION.code())
                && r.number().equals(e.record().details().get("request")), 10);
        if (found.isEmpty()) throw ApiException.keyed(HttpResponseStatus.CONFLICT, "conflict", "notice.unavailable.not-erased", Map.of());
        LedgerRecord d = found.get(found.size() - 1).record();
        List<NoticeFacts.KeptBy> kept = new ArrayList<>();
        String ids = d.details().get("keptByHolds");
        if (ids != null) {
            for (String id : ids.split(",")) {
                var h = ctx.holds().get(id);
                kept.add(new NoticeFacts.KeptBy(h.reference() == null ? h.id() : h.reference(), h.reason()));
            }
        }
        return new NoticeFacts.Erasure(d.time(), Integer.parseInt(d.details().getOrDefault("erasedSegments", "0")),
                Integer.parseInt(d.details().getOrDefault("keptSegments", "0")), kept);
    }
}
