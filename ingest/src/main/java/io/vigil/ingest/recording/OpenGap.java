package io.vigil.ingest.recording;

import io.vigil.storage.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The gap one camera is in right now: from the end of its last stored segment until
 * footage resumes, with the reason in words. Not thread-safe; its recorder guards it.
 *
 * <p>Its start never moves once opened, because the store keys gaps by camera and start:
 * writing the same gap again with a later end replaces the row, where a moved start would
 * add a second, overlapping one. So the recorder can write it early (the moment the
 * session ends), extend it while the camera stays down, and close it at the first
 * segment of the next session or at Vigil's stop — one row all along.
 *
 * <p>Reason: how the recording stopped, and, when the attempts since failed differently,
 * the last of those ("camera disconnected; since then: connection refused"). Only the
 * last one is kept, so the text stays short however long the camera is down. Kept as an
 * encoded {@link Reason} ({@code gap.reason.since} around the causes' own reasons), which the
 * pages word in the reader's language; a cause given as plain text stays as it is inside.
 */
final class OpenGap {
    /** While a camera stays down its stored gap is moved up to now at most this often (one synced write each). */
    static final Duration REFRESH = Duration.ofSeconds(5);

    /** One write of the gap: {@code recordGap(from, to, reason)}. */
    record Row(Instant from, Instant to, String reason) {}

    private Instant from;
    private String cause;
    private String latest;
    private Instant writtenEnd;
    private String writtenReason;

    boolean isOpen() {
        return from != null;
    }

    Instant from() {
        return from;
    }

    /** Opens the gap at {@code start} because of {@code why}; when one is open, {@code why} is its latest failure. */
    void open(Instant start, String why) {
        String w = why == null || why.isBlank() ? Reason.of("gap.reason.sessionEnded").encode() : why;
        if (from != null) {
            latest = w;
            return;
        }
        from = start;
        cause = w;
        latest = null;
        writtenEnd = null;
        writtenReason = null;
    }

    String reason() {
        if (latest == null || latest.equals(cause)) return cause;
        return Reason.of("gap.reason.since", "cause", cause, "latest", latest).encode();
    }

    /**
     * The row that moves the stored gap up to {@code now}, or null when there is nothing
     * to write: no gap, {@code now} not after its start, or the stored row is younger than
     * {@link #REFRESH} and has the same reason.
     */
    Row extendTo(Instant now) {
        if (from == null || !now.isAfter(from)) return null;
        String reason = reason();
        if (writtenEnd != null && Objects.equals(reason, writtenReason)
                && Duration.between(writtenEnd, now).compareTo(REFRESH) < 0) {
            return null;
        }
        return new Row(from, now, reason);
    }

    /**
     * The last row of the gap, ending at {@code end}, and the gap closed; null when no gap
     * is open, it has no length and nothing was written, or exactly this row was written. A row already written further
     * (the camera came back at the very instant the gap began) is cut to 1 ms, since the
     * store has no delete for gaps and the recorded footage covers the rest.
     */
    Row close(Instant end) {
        if (from == null) return null;
        Instant to = end;
        if (!to.isAfter(from)) to = writtenEnd != null ? from.plusMillis(1) : null;
        String reason = reason();
        boolean alreadyWritten = to != null && to.equals(writtenEnd) && reason.equals(writtenReason);
        Row row = to == null || alreadyWritten ? null : new Row(from, to, reason);
        from = null;
        cause = null;
        latest = null;
        writtenEnd = null;
        writtenReason = null;
        return row;
    }

    /** {@code row} (from {@link #extendTo}) is on its way to the store. */
    void written(Row row) {
        if (from != null && row.from().equals(from)) {
            writtenEnd = row.to();
            writtenReason = row.reason();
        }
    }
}
