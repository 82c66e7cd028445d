package io.vigil.gateway.requests;

import io.vigil.config.CameraId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a {@link RequestForm} completely before anything is stored, and turns it into a
 * new {@link SubjectRequest}. Each refusal names the field and says what is valid.
 */
final class RequestValidator {
    /** Identity documents the privacy policy (Art. 7 ②) accepts. */
    static final List<String> DOCUMENT_TYPES = List.of("resident-registration-card", "passport", "drivers-licence");
    private static final int NAME_MAX = 100;
    private static final int TEXT_MAX = 2000;

    private final Set<CameraId> cameras;
    private final Duration retention;

    RequestValidator(Set<CameraId> cameras, Duration retention) {
        this.cameras = cameras;
        this.retention = retention;
    }

    SubjectRequest validate(RequestForm f, Instant now) {
        SubjectRequest r = new SubjectRequest();
        r.requesterName = text(f.requesterName(), "requesterName", 1, NAME_MAX);
        r.requesterContact = text(f.requesterContact(), "requesterContact", 3, 200);
        r.identity = identity(f, now);
        r.childUnder14 = Boolean.TRUE.equals(f.childUnder14());
        if (r.childUnder14) {
            r.representative = new SubjectRequest.Representative(
                    representative(f.representativeName(), "representativeName", 1, NAME_MAX),
                    representative(f.representativeRelationship(), "representativeRelationship", 2, 100),
                    representative(f.representativeProof(), "representativeProof", 2, 200));
        } else if (present(f.representativeName()) || present(f.representativeRelationship()) || present(f.representativeProof())) {
            throw RequestException.invalid("childUnder14", "requests.invalid.representative-not-child");
        }
        r.kinds = kinds(f.kinds());
        r.cameras = cameras(f.cameras());
        window(f.from(), f.to(), now);
        r.from = f.from();
        r.to = f.to();
        r.description = text(f.description(), "description", 3, TEXT_MAX);
        r.reason = text(f.reason(), "reason", 3, TEXT_MAX);
        r.urgent = Boolean.TRUE.equals(f.urgent());
        return r;
    }

    private SubjectRequest.IdentityCheck identity(RequestForm f, Instant now) {
        if (!present(f.documentType())) {
            throw RequestException.invalid("documentType", "requests.invalid.identity-missing");
        }
        if (!DOCUMENT_TYPES.contains(f.documentType())) {
            throw RequestException.invalid("documentType", "requests.invalid.document-type", Map.of("value", f.documentType()));
        }
        String by = text(f.checkedBy(), "checkedBy", 1, NAME_MAX);
        if (f.checkedAt() == null) throw RequestException.invalid("checkedAt", "requests.invalid.required");
        if (f.checkedAt().isAfter(now.plusSeconds(300))) {
            throw RequestException.invalid("checkedAt", "requests.invalid.future", Map.of("value", f.checkedAt().toString()));
        }
        return new SubjectRequest.IdentityCheck(f.documentType(), by, f.checkedAt());
    }

    private static List<RequestKind> kinds(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw RequestException.invalid("kinds", "requests.invalid.kinds-none");
        }
        LinkedHashSet<RequestKind> out = new LinkedHashSet<>();
        for (String k : given) {
            RequestKind kind = RequestKind.fromWire(k);
            if (kind == null) throw RequestException.invalid("kinds", "requests.invalid.kind-unknown", Map.of("value", String.valueOf(k)));
            out.add(kind);
        }
        return new ArrayList<>(out);
    }

    /** The form's camera ids, checked here (the one place they enter): each a configured camera. */
    private List<CameraId> cameras(List<String> given) {
        if (given == null || given.isEmpty()) throw RequestException.invalid("cameras", "requests.invalid.cameras-none");
        LinkedHashSet<CameraId> out = new LinkedHashSet<>();
        for (String c : given) {
            if (!CameraId.isValid(c) || !cameras.contains(CameraId.of(c))) {
                throw RequestException.invalid("cameras", "requests.invalid.camera-unknown",
                        Map.of("value", String.valueOf(c), "valid", cameras.stream().map(CameraId::value).collect(Collectors.joining(", "))));
            }
            out.add(CameraId.of(c));
        }
        return new ArrayList<>(out);
    }

    private void window(Instant from, Instant to, Instant now) {
        if (from == null) throw RequestException.invalid("from", "requests.invalid.required");
        if (to == null) throw RequestException.invalid("to", "requests.invalid.required");
        if (!to.isAfter(from)) throw RequestException.invalid("to", "requests.invalid.to-before-from");
        if (Duration.between(from, to).compareTo(retention) > 0) {
            throw RequestException.invalid("to", "requests.invalid.window-too-long", Map.of("days", retention.toDays()));
        }
        if (from.isAfter(now)) throw RequestException.invalid("from", "requests.invalid.future", Map.of("value", from.toString()));
    }

    private static String text(String v, String field, int min, int max) {
        if (v == null || v.isBlank()) throw RequestException.invalid(field, "requests.invalid.required");
        return length(v.strip(), field, min, max);
    }

    /** A representative's field: missing means the child's request has no representative (privacy policy Art. 7 ④). */
    private static String representative(String v, String field, int min, int max) {
        if (v == null || v.isBlank()) throw RequestException.invalid(field, "requests.invalid.representative-missing");
        return length(v.strip(), field, min, max);
    }

    private static String length(String s, String field, int min, int max) {
        if (s.length() < min || s.length() > max) {
            throw RequestException.invalid(field, "requests.invalid.length", Map.of("min", min, "max", max));
        }
        return s;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
