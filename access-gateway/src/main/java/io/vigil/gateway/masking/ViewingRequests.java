package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.requests.RequestException;
import io.vigil.gateway.requests.RequestKind;
import io.vigil.gateway.requests.RequestState;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The authority masking works under: a subject request that asks to view, with the camera
 * in its scope, approved by an officer (to read footage, mask and release) or approved or
 * fulfilled (to hand over or play what was released). Anything else is refused in words.
 */
final class ViewingRequests {
    private final Supplier<RequestWorkflow> requests;

    ViewingRequests(Supplier<RequestWorkflow> requests) {
        this.requests = requests;
    }

    SubjectRequest approved(String number, CameraId camera) {
        SubjectRequest r = viewing(number, camera);
        call(() -> {
            requests.get().requireApproved(r, "masking");
            return r;
        });
        return r;
    }

    SubjectRequest approvedOrFulfilled(String number, CameraId camera) {
        SubjectRequest r = viewing(number, camera);
        if (r.state() != RequestState.APPROVED && r.state() != RequestState.FULFILLED) {
            throw MaskingErrors.refused(HttpResponseStatus.CONFLICT, "not-open", Map.of("number", number, "state", r.state().wire()));
        }
        return r;
    }

    private SubjectRequest viewing(String number, CameraId camera) {
        SubjectRequest r = call(() -> requests.get().get(number));
        if (!r.asks(RequestKind.VIEW)) {
            throw MaskingErrors.refused(HttpResponseStatus.CONFLICT, "not-a-viewing", Map.of("number", number));
        }
        if (camera != null && !r.cameras().contains(camera)) {
            throw MaskingErrors.refused(HttpResponseStatus.BAD_REQUEST, "camera-not-in-request", Map.of("number", number, "camera", camera.value()));
        }
        return r;
    }

    /** Runs a workflow call, turning its refusals into API errors with the same words. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RequestException e) {
            throw switch (e.kind()) {
                case INVALID -> ApiException.badField(e.field(), e.key(), e.params());
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case CONFLICT -> new ApiException(HttpResponseStatus.CONFLICT, "conflict", e.getMessage());
                case FORBIDDEN -> ApiException.forbidden(e.getMessage());
            };
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
