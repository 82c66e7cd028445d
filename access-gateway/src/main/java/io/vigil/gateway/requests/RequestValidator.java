package io.vigil.gateway.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link RequestForm} completely before anything is stored, and turns it into a
 * new {@link SubjectRequest}. Each refusal names the field and says what is valid.
 */
final class RequestValidator {
    /** Identity documents the privacy policy (Art. 7 ②) accepts. */
    static final List<String> DOCUMENT_TYPES = List.of("resident-registration-card", "passport", "drivers-licence");
    private static final int NAME_MAX = 100;
    private static final int TEXT_MAX = 2000;

    private final Set<String> cameras;
    private final Duration retention;

    RequestValidator(Set<String> cameras, Duration retention) {
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
                    text(f.representativeName(), "representativeName", 1, NAME_MAX),
                    text(f.representativeRelationship(), "representativeRelationship", 2, 100),
                    text(f.representativeProof(), "representativeProof", 2, 200));
        } else if (present(f.representativeName()) || present(f.representativeRelationship()) || present(f.representativeProof())) {
            throw RequestException.invalid("childUnder14",
                    "a legal representative is recorded only for a child under 14 (privacy policy Art. 7 ④); tick it or leave the representative empty");
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
            throw RequestException.invalid("documentType",
                    "identity must be checked in person before a request is registered (privacy policy Art. 7 ②); one of " + DOCUMENT_TYPES);
        }
        if (!DOCUMENT_TYPES.contains(f.documentType())) {
            throw RequestException.invalid("documentType", "'" + f.documentType() + "' is not one of " + DOCUMENT_TYPES);
        }
        String by = text(f.checkedBy(), "checkedBy", 1, NAME_MAX);
        if (f.checkedAt() == null) throw RequestException.invalid("checkedAt", "is required: when identity was checked");
        if (f.checkedAt().isAfter(now.plusSeconds(300))) {
            throw RequestException.invalid("checkedAt", "lies in the future (" + f.checkedAt() + ")");
        }
        return new SubjectRequest.IdentityCheck(f.documentType(), by, f.checkedAt());
    }

    private static List<RequestKind> kinds(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw RequestException.invalid("kinds", "choose at least one of view, confirm-existence, delete");
        }
        LinkedHashSet<RequestKind> out = new LinkedHashSet<>();
        for (String k : given) {
            RequestKind kind = RequestKind.fromWire(k);
            if (kind == null) throw RequestException.invalid("kinds", "'" + k + "' is not one of view, confirm-existence, delete");
            out.add(kind);
        }
        return new ArrayList<>(out);
    }

    private List<String> cameras(List<String> given) {
        if (given == null || given.isEmpty()) throw RequestException.invalid("cameras", "name at least one camera");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String c : given) {
            if (c == null || !cameras.contains(c)) {
                throw RequestException.invalid("cameras", "the hospital has no camera '" + c + "' (cameras: " + String.join(", ", cameras) + ")");
            }
            out.add(c);
        }
        return new ArrayList<>(out);
    }

    private void window(Instant from, Instant to, Instant now) {
        if (from == null) throw RequestException.invalid("from", "is required: start of the time window");
        if (to == null) throw RequestException.invalid("to", "is required: end of the time window");
        if (!to.isAfter(from)) throw RequestException.invalid("to", "must be after from (" + from + ")");
        if (Duration.between(from, to).compareTo(retention) > 0) {
            throw RequestException.invalid("to", "the window is longer than the retention period of " + retention.toDays()
                    + " days: no footage older than that is kept, so such a window cannot be held or searched");
        }
        if (from.isAfter(now)) throw RequestException.invalid("from", "lies in the future (" + from + ")");
    }

    private static String text(String v, String field, int min, int max) {
        if (v == null || v.isBlank()) throw RequestException.invalid(field, "is required");
        String s = v.strip();
        if (s.length() < min || s.length() > max) throw RequestException.invalid(field, "must be " + min + ".." + max + " characters long");
        return s;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
