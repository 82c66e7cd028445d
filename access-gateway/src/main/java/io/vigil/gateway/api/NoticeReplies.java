package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.gateway.requests.notice.HangulFont;
import io.vigil.gateway.requests.notice.Notice;
import io.vigil.gateway.requests.notice.NoticeHtml;
import io.vigil.gateway.requests.notice.NoticePdf;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the notice endpoints share ({@link NoticesApi}, {@link IssuedNoticesApi}): who may print
 * notices, the format asked for, the printable HTML or the PDF reply, and the ledger entry
 * that is the evidence the hospital answered in writing (kind, language, format; never the
 * notice's words, which carry the requester's name).
 */
final class NoticeReplies {
    private NoticeReplies() {}

    static void requireHandler(GatewayContext ctx, Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayHandleRequests(p.account())) {
            ctx.countRefusal("requests");
            throw ApiException.forbidden("only privacy managers and privacy officers handle subject requests");
        }
    }

    /** {@code ?format=}: html (the default) or pdf. */
    static String format(Exchange ex) {
        String format = ex.queryParam("format") == null ? "html" : ex.queryParam("format");
        if (!format.equals("html") && !format.equals("pdf")) throw ApiException.badRequest("format", "'" + format + "' is not html or pdf");
        return format;
    }

    /** The notice as printable HTML (no script, nothing fetched) or as PDF with the Hangul font embedded. */
    static Reply render(Notice n, String format, String fileName) {
        Reply reply;
        if (format.equals("pdf")) {
            byte[] pdf;
            try {
                pdf = NoticePdf.render(n);
            } catch (HangulFont.MissingException e) {
                throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "no-hangul-font", e.getMessage());
            }
            reply = Reply.bytes(HttpResponseStatus.OK, "application/pdf", pdf).header("Content-Disposition",
                    "attachment; filename=\"" + fileName + ".pdf\"");
        } else {
            reply = Reply.bytes(HttpResponseStatus.OK, "text/html; charset=utf-8", NoticeHtml.render(n).getBytes(StandardCharsets.UTF_8))
                    .header("Content-Security-Policy", NoticeHtml.CONTENT_SECURITY_POLICY);
        }
        return reply.header("Cache-Control", "no-store");
    }

    /** Ledgers a notice printed or saved; {@code extra} says which issued notice it is (and the record's hash when it was kept now). */
    static void ledger(GatewayContext ctx, Exchange ex, SubjectRequest r, String kind, String lang, String format, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("request", r.number());
        d.put("notice", kind);
        d.put("language", lang);
        d.put("format", format);
        d.putAll(extra);
        ctx.store().ledger().append(LedgerRecord.builder(LedgerEventType.SUBJECT_REQUEST_NOTICE, ctx.clock().instant(),
                        ex.<Principal>principal().username()).cameras(r.cameras()).footage(r.from(), r.to())
                .purpose("subject request " + r.number() + ": written notice (" + kind + ")").recipient(RequestWorkflow.subjectOf(r))
                .legalBasis("PIPA Enforcement Decree Art. 41-42; video policy Art. 6").form("written notice (" + format + ", " + lang + ")")
                .details(d).build());
    }
}
