package io.vigil.redaction;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.List;

/**
 * What to mask: one camera over [from, to), the requester's marks, the settings.
 *
 * @param requestId the subject request this serves (for the manifest and messages)
 * @param cameraId the camera, already checked where it entered (the stored subject request)
 */
public record RedactionRequest(String requestId, CameraId cameraId, Instant from, Instant to,
        List<RequesterMark> marks, RedactionSettings settings) {

    public RedactionRequest {
        if (requestId == null || cameraId == null || from == null || to == null || settings == null) {
            throw new IllegalArgumentException("request id, camera, window and settings are required");
        }
        if (!to.isAfter(from)) {
            throw new RedactionException("the window of request " + requestId + " is empty: " + from + " is not before " + to);
        }
        marks = List.copyOf(marks);
        for (RequesterMark m : marks) {
            if (m.at().isBefore(from) || !m.at().isBefore(to)) {
                throw new RedactionException("requester mark at " + m.at() + " lies outside the window "
                        + from + " - " + to + " of request " + requestId);
            }
        }
    }
}
