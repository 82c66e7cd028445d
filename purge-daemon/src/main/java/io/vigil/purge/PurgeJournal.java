package io.vigil.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.storage.RecordTable;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The progress of the run under way, in the {@code meta} table (synced writes): what has
 * been destroyed so far and the batch about to be erased. Written before each batch and
 * after it, cleared once the run's ledger entries are written. If the process dies
 * (kill -9, power loss) the next run finds it, works out which of the in-flight erasures
 * happened, and writes the interrupted run's destruction entry, so no destruction goes
 * unrecorded.
 */
final class PurgeJournal {
    static final String KEY = "purge.journal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordTable meta;

    /** An in-flight batch: a camera-day (day key) or a list of segments. */
    record Inflight(boolean early, String camera, LocalDate day, List<SegmentInfo> segments, int daySegments, long dayBytes,
                    Instant from, Instant to) {}

    /** A run's saved progress. */
    record Entry(String runId, Instant startedAt, ErasureTally done, ErasureTally early, Inflight inflight) {}

    PurgeJournal(RecordTable meta) {
        this.meta = meta;
    }

    Optional<Entry> load() {
        return meta.get(KEY).map(PurgeJournal::parse);
    }

    void save(String runId, Instant startedAt, ErasureTally done, ErasureTally early, Inflight inflight) {
        ObjectNode n = JSON.createObjectNode();
        n.put("runId", runId);
        n.put("startedAt", startedAt.toString());
        n.set("done", done.toJson(JSON));
        n.set("early", early.toJson(JSON));
        if (inflight != null) {
            ObjectNode i = n.putObject("inflight");
            i.put("early", inflight.early());
            i.put("camera", inflight.camera());
            if (inflight.day() != null) i.put("day", inflight.day().toString());
            i.put("daySegments", inflight.daySegments());
            i.put("dayBytes", inflight.dayBytes());
            i.put("from", inflight.from().toString());
            i.put("to", inflight.to().toString());
            ArrayNode segs = i.putArray("segments");
            for (SegmentInfo s : inflight.segments()) {
                segs.addArray().add(s.key().startMillis()).add(s.key().sequence()).add(s.end().toEpochMilli())
                        .add(s.plaintextBytes()).add(s.storedBytes());
            }
        }
        try {
            meta.put(KEY, JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new StorageException("cannot encode the purge journal", e);
        }
    }

    void clear() {
        meta.delete(KEY);
    }

    private static Entry parse(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            Inflight inflight = null;
            JsonNode i = n.get("inflight");
            if (i != null && !i.isNull()) {
                String camera = i.get("camera").asText();
                List<SegmentInfo> segs = new ArrayList<>();
                for (JsonNode s : i.get("segments")) {
                    SegmentKey k = new SegmentKey(camera, s.get(0).asLong(), s.get(1).asLong());
                    segs.add(new SegmentInfo(k, k.start(), Instant.ofEpochMilli(s.get(2).asLong()), s.get(3).asLong(),
                            s.get(4).asLong()));
                }
                inflight = new Inflight(i.get("early").asBoolean(), camera,
                        i.hasNonNull("day") ? LocalDate.parse(i.get("day").asText()) : null, segs,
                        i.get("daySegments").asInt(), i.get("dayBytes").asLong(), Instant.parse(i.get("from").asText()),
                        Instant.parse(i.get("to").asText()));
            }
            return new Entry(n.get("runId").asText(), Instant.parse(n.get("startedAt").asText()),
                    ErasureTally.fromJson(n.get("done")), ErasureTally.fromJson(n.get("early")), inflight);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("the purge journal in the meta table is unreadable: " + e.getMessage(), e);
        }
    }
}
