package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.i18n.Messages;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.gateway.requests.notice.Notice;
import io.vigil.gateway.requests.notice.NoticeContent;
import io.vigil.gateway.requests.notice.NoticeKind;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/requests/{number}/issued-notices}: every notice a request was given, each
 * with the state and the date it was issued, and its reprint at any time, word for word as
 * issued (HTML or PDF, in the language it was issued in), e.g. the deferral notice after the
 * request was approved. The reprint says when and by whom it was reprinted and is ledgered
 * like the first print ({@code reprintOf}).
 */
final class IssuedNoticesApi {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final GatewayContext ctx;

    IssuedNoticesApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/requests/{number}/issued-notices", Router.Access.SESSION, this::list);
        r.add(HttpMethod.GET, "/api/v1/requests/{number}/issued-notices/{id}", Router.Access.SESSION, this::reprint);
    }

    private Reply list(Exchange ex) {
        NoticeReplies.requireHandler(ctx, ex);
        SubjectRequest r = RequestsApi.call(() -> ctx.requests().get(ex.pathParam("number")));
        List<Map<String, Object>> out = new ArrayList<>();
        for (SubjectRequest.IssuedNotice n : r.notices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("kind", n.kind());
            m.put("language", n.language());
            m.put("state", n.state().wire());
            m.put("issuedAt", n.issuedAt().toString());
            m.put("issuedBy", n.issuedBy());
            m.put("available", n.content() != null);
            out.add(m);
        }
        return Reply.ok(out);
    }

    private Reply reprint(Exchange ex) {
        NoticeReplies.requireHandler(ctx, ex);
        String format = NoticeReplies.format(ex);
        SubjectRequest r = RequestsApi.call(() -> ctx.requests().get(ex.pathParam("number")));
        String id = ex.pathParam("id");
        SubjectRequest.IssuedNotice n = r.notices().stream().filter(x -> Integer.toString(x.id()).equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("request " + r.number() + " has no issued notice '" + id + "'"));
        if (n.content() == null) {
            throw ApiException.keyed(HttpResponseStatus.GONE, "gone", "notice.unavailable.erased",
                    Map.of("number", r.number(), "at", time(r.personalDataErasedAt())));
        }
        String by = ex.<Principal>principal().username();
        String reprinted = Messages.get().format(n.language(), "notice.reprint",
                Map.of("time", time(ctx.clock().instant()), "by", by, "issued", time(n.issuedAt())));
        Notice notice = NoticeContent.decode(n.content(), NoticeKind.fromWire(n.kind()), n.language(), n.footer() + " · " + reprinted);
        Reply reply = NoticeReplies.render(notice, format, r.number() + "-" + n.kind() + "-" + n.language() + "-" + n.id());
        NoticeReplies.ledger(ctx, ex, r, n.kind(), n.language(), format, Map.of("reprintOf", Integer.toString(n.id())));
        return reply;
    }

    private String time(java.time.Instant i) {
        return i == null ? "" : TIME.format(i.atZone(ctx.requests().deadlines().zone()));
    }
}
