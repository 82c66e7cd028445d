package io.vigil.gateway.masking;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.redaction.RedactionException;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.StillFrame;
import io.vigil.redaction.StoredSegmentSource;
import io.vigil.storage.SegmentStore;
import java.time.Instant;
import java.util.Map;

/**
 * What the privacy manager sees while preparing a masked copy: still frames of the window to
 * mark the requester on (ledgered as a use before the frame is read), the face tracks'
 * thumbnails and the preview under review. Pictures only: the officer, who decides the
 * request and never sees footage, is kept out of all of this by the API
 * ({@code Permissions.mayPrepareMasking}).
 */
final class MaskingPictures {
    private final SegmentStore segments;
    private final ViewingRequests scope;
    private final MaskingLedger ledger;
    private final MaskingCases cases;

    MaskingPictures(SegmentStore segments, ViewingRequests scope, MaskingLedger ledger, MaskingCases cases) {
        this.segments = segments;
        this.scope = scope;
        this.ledger = ledger;
        this.cases = cases;
    }

    /** The first frame at or after {@code at} (the window's start when null), ledgered as a use before it is read. */
    StillFrame frame(String number, CameraId camera, Instant at, String actor) {
        SubjectRequest r = scope.approved(number, camera);
        Instant t = at == null ? r.from() : at;
        if (t.isBefore(r.from()) || !t.isBefore(r.to())) {
            throw MaskingErrors.refused(HttpResponseStatus.BAD_REQUEST, "outside-window",
                    Map.of("at", t.toString(), "from", r.from().toString(), "to", r.to().toString(), "number", number));
        }
        ledger.frame(r, camera, t, actor);
        try {
            return StillFrame.first(new StoredSegmentSource(segments, camera, t, r.to()), t, r.to());
        } catch (RedactionException e) {
            throw MaskingErrors.of(e);
        }
    }

    /** A face track's thumbnail (unmasked: staff only), or null. */
    byte[] thumbnail(String number, CameraId camera, int trackId) {
        scope.approved(number, camera);
        MaskingCase c = cases.find(number, camera);
        if (c == null) return null;
        synchronized (c) {
            if (c.preview == null) return null;
            return c.preview.tracks().stream().filter(t -> t.id() == trackId).map(t -> t.thumbnailJpeg()).findFirst().orElse(null);
        }
    }

    /** The preview under review (the sealed masked MP4), or a refusal when none is ready. */
    RedactionResult preview(String number, CameraId camera) {
        scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.find(number, camera);
        if (c != null) {
            synchronized (c) {
                if (c.preview != null) return c.preview;
            }
        }
        throw MaskingErrors.refused(HttpResponseStatus.NOT_FOUND, "no-preview", Map.of("number", number, "camera", camera.value()));
    }
}
