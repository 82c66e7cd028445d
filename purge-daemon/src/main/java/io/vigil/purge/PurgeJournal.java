package io.vigil.purge;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.RecordCodec;
import io.vigil.storage.RecordTable;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The progress of the run under way, in the {@code meta} table under {@value #KEY} (synced
 * writes): what has been destroyed so far and the batch about to be erased. Written before
 * each batch and after it, cleared once the run's ledger entries are written. If the
 * process dies (kill -9, power loss) the next run finds it ({@link InterruptedRunRecovery}),
 * works out which of the in-flight erasures happened, and writes the interrupted run's
 * destruction entry, so no destruction goes unrecorded.
 *
 * <p>The JSON shape is unchanged from earlier versions, so a journal left by a run killed
 * just before an upgrade is still read.
 */
final class PurgeJournal {
    static final String KEY = "purge.journal";
    private static final RecordCodec<Entry> CODEC = RecordCodec.of(Entry.class, "purge journal");

    private final RecordTable meta;

    /** An in-flight batch: a camera-day (day key; {@code day} set) or a list of segments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Inflight(boolean early, CameraId camera, LocalDate day, List<SegmentRef> segments, int daySegments, long dayBytes,
                    Instant from, Instant to) {
        Inflight {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }

        static Inflight ofDay(boolean early, CameraDay day, int segments, long bytes, Instant from, Instant to) {
            return new Inflight(early, day.cameraId(), day.day(), List.of(), segments, bytes, from, to);
        }

        static Inflight ofSegments(boolean early, CameraId camera, List<SegmentInfo> batch, Instant from, Instant to) {
            return new Inflight(early, camera, null, batch.stream().map(SegmentRef::of).toList(), 0, 0, from, to);
        }

        CameraDay cameraDay() {
            return day == null ? null : new CameraDay(camera, day);
        }

        List<SegmentInfo> segmentInfos() {
            return segments.stream().map(s -> s.toInfo(camera)).toList();
        }
    }

    /** A segment of an in-flight batch, stored compactly as a JSON array (a batch has up to 256). */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"startMillis", "sequence", "endMillis", "plaintextBytes", "storedBytes"})
    record SegmentRef(long startMillis, long sequence, long endMillis, long plaintextBytes, long storedBytes) {
        static SegmentRef of(SegmentInfo s) {
            return new SegmentRef(s.key().startMillis(), s.key().sequence(), s.end().toEpochMilli(), s.plaintextBytes(),
                    s.storedBytes());
        }

        SegmentInfo toInfo(CameraId camera) {
            SegmentKey k = new SegmentKey(camera, startMillis, sequence);
            return new SegmentInfo(k, k.start(), Instant.ofEpochMilli(endMillis), plaintextBytes, storedBytes);
        }
    }

    /** A run's saved progress; {@code inflight} null (and left out) between batches. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String runId, Instant startedAt, ErasureTally.Snapshot done, ErasureTally.Snapshot early, Inflight inflight) {}

    PurgeJournal(RecordTable meta) {
        this.meta = meta;
    }

    Optional<Entry> load() {
        return meta.get(KEY).map(CODEC::decode);
    }

    void save(String runId, Instant startedAt, ErasureTally done, ErasureTally early, Inflight inflight) {
        meta.put(KEY, CODEC.encode(new Entry(runId, startedAt, done.snapshot(), early.snapshot(), inflight)));
    }

    void clear() {
        meta.delete(KEY);
    }
}
