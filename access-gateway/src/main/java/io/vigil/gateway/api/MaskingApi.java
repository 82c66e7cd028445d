package io.vigil.gateway.api;

import io.vigil.config.CameraId;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.ByteRange;
import io.vigil.gateway.http.CameraParams;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.masking.MaskingService;
import io.vigil.gateway.masking.SealedFileBody;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.SealedFile;
import io.vigil.redaction.StillFrame;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/requests/{number}/masking/{camera}}: marking the requester on still frames,
 * running the masking job, reviewing its preview (tracks, flags, the masked video), releasing
 * the masked copy and handing it over (docs/api.md). Everything that shows footage (frames,
 * thumbnails, preview, copy) and every step of preparing it is the privacy manager's
 * ({@link Permissions#mayPrepareMasking}); the officer, who decides the request and never
 * sees footage, may follow the job's state without pictures. Always under an approved viewing
 * request; the service ledgers every read of footage.
 */
public final class MaskingApi {
    private static final String BASE = "/api/v1/requests/{number}/masking/{camera}";

    private final GatewayContext ctx;
    private final MaskingService masking;

    public MaskingApi(GatewayContext ctx, MaskingService masking) {
        this.ctx = ctx;
        this.masking = masking;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, BASE, Router.Access.SESSION, ex -> Reply.ok(status(ex, masking.status(n(follower(ex)), cam(ex)))));
        r.add(HttpMethod.GET, BASE + "/frame", Router.Access.SESSION, this::frame);
        r.add(HttpMethod.POST, BASE + "/run", Router.Access.SESSION, this::run);
        r.add(HttpMethod.POST, BASE + "/cancel", Router.Access.SESSION, ex ->
                Reply.ok(status(ex, masking.cancel(n(preparer(ex)), cam(ex), user(ex)))));
        r.add(HttpMethod.GET, BASE + "/tracks/{track}", Router.Access.SESSION, this::thumbnail);
        r.add(HttpMethod.GET, BASE + "/preview", Router.Access.SESSION, ex -> {
            RedactionResult p = masking.preview(n(preparer(ex)), cam(ex));
            return video(ex, p.output(), "inline", "preview-" + n(ex) + "-" + cam(ex) + ".mp4");
        });
        r.add(HttpMethod.GET, BASE + "/requester", Router.Access.SESSION, ex ->
                Reply.ok(MaskingBodies.requesterPath(masking.preview(n(preparer(ex)), cam(ex)))));
        r.add(HttpMethod.POST, BASE + "/release", Router.Access.SESSION, ex ->
                Reply.ok(status(ex, masking.release(n(preparer(ex)), cam(ex), user(ex)))));
        r.add(HttpMethod.GET, BASE + "/copy", Router.Access.SESSION, ex -> {
            String name = "masked-" + n(preparer(ex)) + "-" + cam(ex) + ".mp4";
            SealedFile f = masking.released(n(ex), cam(ex), user(ex), name).output();
            return Reply.stream(HttpResponseStatus.OK, "video/mp4", new SealedFileBody(f, 0, f.size() - 1), f.size())
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        });
        r.add(HttpMethod.GET, BASE + "/manifest", Router.Access.SESSION, ex -> {
            String name = "masked-" + n(preparer(ex)) + "-" + cam(ex) + ".manifest.json";
            String json = masking.released(n(ex), cam(ex), user(ex), name).manifest().json();
            return Reply.bytes(HttpResponseStatus.OK, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        });
    }

    /** Streams a sealed MP4 with Range support (the browser reads the moov at the end, then seeks). */
    static Reply video(Exchange ex, SealedFile f, String disposition, String name) {
        long len = f.size();
        ByteRange range = ByteRange.parse(ex.header("Range"), len);
        Reply r = range == null
                ? Reply.stream(HttpResponseStatus.OK, "video/mp4", new SealedFileBody(f, 0, len - 1), len)
                : Reply.stream(HttpResponseStatus.PARTIAL_CONTENT, "video/mp4", new SealedFileBody(f, range.first(), range.last()), range.length())
                        .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + len);
        return r.header("Accept-Ranges", "bytes").header("Content-Disposition", disposition + "; filename=\"" + name + "\"");
    }

    private Reply frame(Exchange ex) {
        preparer(ex);
        StillFrame f = masking.frame(n(ex), cam(ex), ex.queryInstant("at"), user(ex));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", f.at().toString());
        m.put("width", f.width());
        m.put("height", f.height());
        m.put("jpeg", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(f.jpeg()));
        return Reply.ok(m);
    }

    private Reply run(Exchange ex) {
        preparer(ex);
        JsonNode b = Json.parseObject(ex.body());
        var status = masking.start(n(ex), cam(ex), MaskingBodies.marks(b), MaskingBodies.mode(b), MaskingBodies.edits(b), user(ex));
        return Reply.json(HttpResponseStatus.ACCEPTED, status(ex, status));
    }

    private Reply thumbnail(Exchange ex) {
        preparer(ex);
        int id;
        try {
            id = Integer.parseInt(ex.pathParam("track"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("track", "must be a track id (a number)");
        }
        byte[] jpeg = masking.thumbnail(n(ex), cam(ex), id);
        if (jpeg == null) throw ApiException.notFound("no face track " + id + " in the preview of " + n(ex) + " camera " + cam(ex));
        return Reply.bytes(HttpResponseStatus.OK, "image/jpeg", jpeg);
    }

    /** The status as JSON; the links to pictures (thumbnails) only for who may see them. */
    private Map<String, Object> status(Exchange ex, io.vigil.gateway.masking.MaskingStatus s) {
        boolean pictures = Permissions.mayPrepareMasking(ex.<Principal>principal().account());
        return MaskingBodies.status(s, "/api/v1/requests/" + s.number() + "/masking/" + s.camera(), pictures);
    }

    /** The privacy manager only (the steps that read or show footage); the exchange back for chaining. */
    private Exchange preparer(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayPrepareMasking(p.account())) {
            ctx.countRefusal("masking");
            throw ApiException.forbidden("only the privacy manager prepares a subject's masked footage; privacy officers decide"
                    + " requests and never see footage");
        }
        return ex;
    }

    /** Privacy managers and officers: the job's state without pictures; the exchange back for chaining. */
    private Exchange follower(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayHandleRequests(p.account())) {
            ctx.countRefusal("masking");
            throw ApiException.forbidden("only privacy managers and privacy officers follow the masking of subject requests");
        }
        return ex;
    }

    private static String n(Exchange ex) {
        return ex.pathParam("number");
    }

    /** The camera in the path, checked here where it enters: a malformed id is a 400 naming {@code camera} and the id rule. */
    private static CameraId cam(Exchange ex) {
        return CameraParams.parse("camera", ex.pathParam("camera"));
    }

    private static String user(Exchange ex) {
        return ex.<Principal>principal().username();
    }
}
