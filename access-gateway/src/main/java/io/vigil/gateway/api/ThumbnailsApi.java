package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.preview.KeyframeThumbnails;
import io.vigil.storage.SegmentAuthenticationException;
import io.vigil.storage.SegmentNotFoundException;
import java.time.Instant;

/**
 * {@code GET /api/v1/grants/{grantId}/thumbnail.jpg?camera=ID&from=ISO&to=ISO}: the
 * keyframe picture at {@code from}, for the preview while scrubbing. A thumbnail is
 * footage, so it passes the same gate as {@code video.mp4} (the grant, its camera and
 * range, the account's standing cameras) and counts as that viewing ({@code view.start}
 * once per grant and camera, as playback does).
 */
public final class ThumbnailsApi {
    private final GatewayContext ctx;
    private final KeyframeThumbnails thumbnails;

    public ThumbnailsApi(GatewayContext ctx) {
        this.ctx = ctx;
        this.thumbnails = new KeyframeThumbnails(ctx.store().segments());
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/grants/{grantId}/thumbnail.jpg", Router.Access.SESSION, this::thumbnail);
    }

    private Reply thumbnail(Exchange ex) {
        if (ex.queryParam("from") == null || ex.queryParam("from").isEmpty()) {
            throw ApiException.badRequest("from", "is required: the footage time of the picture (ISO-8601)");
        }
        ViewingGrant g = GrantsApi.authorize(ctx, ex, "thumbnail");
        CameraId camera = GrantsApi.camera(ex);
        Instant at = GrantsApi.from(ex, g);
        KeyframeThumbnails.Thumbnail t;
        try {
            t = thumbnails.at(camera, at)
                    .orElseThrow(() -> ApiException.notFound("nothing of camera " + camera + " is recorded at " + at));
        } catch (SegmentAuthenticationException e) {
            throw new ApiException(HttpResponseStatus.CONFLICT, "footage-damaged",
                    "the footage of camera " + camera + " at " + at + " fails its authentication check and is not shown");
        } catch (SegmentNotFoundException e) {
            throw ApiException.notFound("the footage of camera " + camera + " at " + at + " was erased");
        } catch (KeyframeThumbnails.ThumbnailException e) {
            throw new ApiException(HttpResponseStatus.CONFLICT, "footage-undecodable", e.getMessage());
        }
        ctx.grants().startViewing(g, camera, g.from(), g.to(), ex.clientText());
        return Reply.bytes(HttpResponseStatus.OK, "image/jpeg", t.jpeg())
                .header("Cache-Control", "no-store")
                .header("X-Vigil-Footage-Time", t.time().toString());
    }
}
