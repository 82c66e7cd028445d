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
import io.vigil.storage.ActivitySample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/grants/{grantId}/activity?camera=ID&from=ISO&to=ISO&buckets=N}: the
 * activity line of the granted footage (issue 12), measured at ingest from keyframes: the
 * range cut into {@code N} equal buckets, each with the largest change measured in it and
 * the footage time of that keyframe, so the page draws the line at any zoom and a click on
 * a peak seeks to the picture that made it. Buckets without a sample (a gap, the first
 * keyframe after a reconnect) are left out.
 *
 * <p>Activity is derived from footage, so it passes the same gate as {@code video.mp4}
 * (grant, camera, range, the account's standing cameras; a refusal is ledgered) and counts
 * as that viewing: the first read writes the grant's {@code view.start} for the camera, as
 * playback and thumbnails do, never one entry per request (docs/api.md).
 */
public final class ActivityLineApi {
    static final int DEFAULT_BUCKETS = 200;
    static final int MAX_BUCKETS = 2000;

    private final GatewayContext ctx;

    public ActivityLineApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/grants/{grantId}/activity", Router.Access.SESSION, this::activity);
    }

    private Reply activity(Exchange ex) {
        int buckets = buckets(ex.queryParam("buckets"));
        ViewingGrant g = GrantsApi.authorize(ctx, ex, "activity");
        CameraId camera = GrantsApi.camera(ex);
        Instant from = GrantsApi.from(ex, g), to = GrantsApi.to(ex, g);
        List<ActivitySample> samples = ctx.store().segments().activity(camera, from, to);
        // Durable before the first byte, as for playback: the activity line is part of the viewing.
        ctx.grants().startViewing(g, camera, g.from(), g.to(), ex.clientText());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera", camera.value());
        body.put("from", from.toString());
        body.put("to", to.toString());
        long bucketMillis = Math.max(1, (to.toEpochMilli() - from.toEpochMilli() + buckets - 1) / buckets);
        body.put("bucketMillis", bucketMillis);
        body.put("samples", samples.size());
        body.put("max", ActivitySample.MAX);
        body.put("buckets", maxima(samples, from.toEpochMilli(), bucketMillis));
        return Reply.json(HttpResponseStatus.OK, body).header("Cache-Control", "no-store");
    }

    /** The largest sample of each bucket that has one, in time order; the earliest wins a tie. */
    static List<Map<String, Object>> maxima(List<ActivitySample> samples, long fromMillis, long bucketMillis) {
        List<Map<String, Object>> out = new ArrayList<>();
        long current = Long.MIN_VALUE;
        ActivitySample best = null;
        for (ActivitySample s : samples) {
            long bucket = (s.time().toEpochMilli() - fromMillis) / bucketMillis;
            if (bucket != current) {
                if (best != null) out.add(bucketBody(fromMillis + current * bucketMillis, best));
                current = bucket;
                best = s;
            } else if (s.change() > best.change()) {
                best = s;
            }
        }
        if (best != null) out.add(bucketBody(fromMillis + current * bucketMillis, best));
        return out;
    }

    private static Map<String, Object> bucketBody(long startMillis, ActivitySample peak) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", Instant.ofEpochMilli(startMillis).toString());
        m.put("max", peak.change());
        m.put("at", peak.time().toString());
        return m;
    }

    private static int buckets(String text) {
        if (text == null || text.isEmpty()) return DEFAULT_BUCKETS;
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_BUCKETS) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("buckets", "must be a whole number from 1 to " + MAX_BUCKETS + ", got '" + text + "'");
    }
}
