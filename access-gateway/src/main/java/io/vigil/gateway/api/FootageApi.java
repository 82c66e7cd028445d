package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.media.FootageMap;
import java.time.Instant;

/**
 * {@code GET /api/v1/grants/{grantId}/footage?camera=&from=&to=}: what the granted footage
 * really holds before it is played — its parts (each one video: {@code video.mp4?part=N}),
 * recorded spans and gaps with their reasons, damaged and missing segments included. It
 * reads the segments to know (so it sits behind the same grant as the video), returns no
 * picture, and writes no ledger entry of its own: the {@code view.start} of the playback
 * names the same parts and gaps.
 */
public final class FootageApi {
    private final GatewayContext ctx;

    public FootageApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/grants/{grantId}/footage", Router.Access.SESSION, this::footage);
    }

    private Reply footage(Exchange ex) {
        ViewingGrant g = GrantsApi.authorize(ctx, ex, "view");
        CameraId camera = GrantsApi.camera(ex);
        Instant from = GrantsApi.from(ex, g), to = GrantsApi.to(ex, g);
        String language = io.vigil.gateway.i18n.LanguageChoice.of(ex, ctx.config().settings());
        FootageMap map = FootageMap.plan(ctx.segmentChecks(), camera, from, to)
                .withReasonsWorded(r -> io.vigil.gateway.i18n.StoredReasons.words(r, language, ctx.config().settings().timeZone()));
        return Reply.json(HttpResponseStatus.OK, map.describe());
    }
}
