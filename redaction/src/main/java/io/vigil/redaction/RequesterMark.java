package io.vigil.redaction;

import java.time.Instant;

/**
 * The requester marked by staff: a box drawn on the frame shown at {@code at} (wall-clock
 * time of that frame). The first mark seeds the tracker; each further one corrects it.
 */
public record RequesterMark(Instant at, Box box) {
    public RequesterMark {
        if (at == null || box == null) throw new IllegalArgumentException("a mark needs a time and a box");
    }
}
