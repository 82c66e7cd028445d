package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The masking cases of this run, one per camera of a request: found by request number and
 * camera, made on first use. Nothing here outlives the process but the released copies,
 * which {@link ReleasedCopies} keeps apart.
 */
final class MaskingCases {
    private final Map<String, MaskingCase> cases = new ConcurrentHashMap<>();

    /** The case of a request's camera, or null when nothing was ever asked of it in this run. */
    MaskingCase find(String number, CameraId camera) {
        return cases.get(key(number, camera));
    }

    /** The case of a request's camera, made (idle) when there is none yet. */
    MaskingCase of(String number, CameraId camera) {
        return cases.computeIfAbsent(key(number, camera), k -> new MaskingCase(number, camera));
    }

    /** Every case at this moment (a copy: cases may be added or removed meanwhile). */
    List<MaskingCase> all() {
        return new ArrayList<>(cases.values());
    }

    void remove(MaskingCase c) {
        cases.remove(key(c.number, c.camera), c);
    }

    /** The server stops: every case lets go of its files (previews deleted, released copies kept on disk). */
    void shutdown() {
        for (MaskingCase c : cases.values()) c.shutdown();
        cases.clear();
    }

    private static String key(String number, CameraId camera) {
        return number + "/" + camera.value();
    }
}
