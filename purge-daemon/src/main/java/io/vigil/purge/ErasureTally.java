package io.vigil.purge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.config.CameraId;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run destroyed, accumulated erase by erase: per camera the time ranges, segment
 * count and bytes, and the ids of the keys destroyed. Becomes the run's one
 * {@code destruction} (or {@code destruction.early}) ledger entry, and is saved in the
 * run's journal after every batch so an interrupted run can still be recorded.
 */
final class ErasureTally {
    /** Listing more key ids than this in one entry is replaced by their count and SHA-256. */
    static final int MAX_LISTED_KEY_IDS = 5000;
    private static final int MAX_LISTED_RANGES = 50;

    private final Map<String, CameraTally> cameras = new TreeMap<>();
    private final List<String> keyIds = new ArrayList<>();
    /** "camera/day" of days whose key alone was destroyed (their segments went in earlier runs). */
    private final java.util.TreeSet<String> keyOnlyDays = new java.util.TreeSet<>();
    private int unknownKeyIds;

    private static final class CameraTally {
        final List<long[]> ranges = new ArrayList<>(); // {fromMillis, toMillis, segments}
        long segments;
        long bytes;
    }

    /** Records one erase; {@code destroyedKeyIds} null when unknown (an interrupted run's last batch). */
    void add(CameraId camera, Instant from, Instant to, int segments, long bytes, List<String> destroyedKeyIds) {
        if (segments == 0 && (destroyedKeyIds == null || destroyedKeyIds.isEmpty())) return;
        CameraTally c = cameras.computeIfAbsent(camera.value(), k -> new CameraTally());
        c.segments += segments;
        c.bytes += bytes;
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        long[] last = c.ranges.isEmpty() ? null : c.ranges.get(c.ranges.size() - 1);
        if (last != null && f <= last[1] && t >= last[0]) {
            last[0] = Math.min(last[0], f);
            last[1] = Math.max(last[1], t);
            last[2] += segments;
        } else {
            c.ranges.add(new long[] {f, t, segments});
        }
        if (destroyedKeyIds == null) unknownKeyIds += segments;
        else keyIds.addAll(destroyedKeyIds);
    }

    void addKeyIds(List<String> ids) {
        keyIds.addAll(ids);
    }

    /** The key of a camera-day whose segments were all erased by earlier runs. */
    void addDayKeyOnly(CameraId camera, java.time.LocalDate day, List<String> ids) {
        if (ids.isEmpty()) return;
        keyOnlyDays.add(camera + "/" + day);
        keyIds.addAll(ids);
    }

    boolean isEmpty() {
        return cameras.isEmpty() && keyOnlyDays.isEmpty();
    }

    long segments() {
        return cameras.values().stream().mapToLong(c -> c.segments).sum();
    }

    long bytes() {
        return cameras.values().stream().mapToLong(c -> c.bytes).sum();
    }

    List<String> keyIds() {
        return List.copyOf(keyIds);
    }

    List<String> cameraIds() {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(cameras.keySet());
        for (String d : keyOnlyDays) ids.add(d.substring(0, d.lastIndexOf('/')));
        return List.copyOf(ids);
    }

    Instant from() {
        return cameras.values().stream().flatMap(c -> c.ranges.stream()).mapToLong(r -> r[0]).min()
                .stream().mapToObj(Instant::ofEpochMilli).findFirst().orElse(null);
    }

    Instant to() {
        return cameras.values().stream().flatMap(c -> c.ranges.stream()).mapToLong(r -> r[1]).max()
                .stream().mapToObj(Instant::ofEpochMilli).findFirst().orElse(null);
    }

    /**
     * The management-ledger row: cameras, overall footage range, form and legal basis in the
     * record's fields; per-camera ranges, counts, bytes, key ids and the result in details.
     */
    LedgerRecord toLedgerRecord(LedgerEventType type, Instant time, int retentionDays, String result, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("segments", Long.toString(segments()));
        d.put("bytes", Long.toString(bytes()));
        StringBuilder ranges = new StringBuilder();
        for (Map.Entry<String, CameraTally> e : cameras.entrySet()) {
            CameraTally c = e.getValue();
            if (ranges.length() > 0) ranges.append("; ");
            ranges.append(e.getKey()).append(": ").append(c.segments).append(" segments, ").append(c.bytes).append(" bytes, ");
            int n = 0;
            for (long[] r : c.ranges) {
                if (n == MAX_LISTED_RANGES) {
                    ranges.append(" and ").append(c.ranges.size() - n).append(" more ranges");
                    break;
                }
                if (n++ > 0) ranges.append(' ');
                ranges.append('[').append(Instant.ofEpochMilli(r[0])).append(" .. ").append(Instant.ofEpochMilli(r[1])).append(')');
            }
        }
        d.put("ranges", ranges.toString());
        d.put("keyIdCount", Integer.toString(keyIds.size()));
        if (keyIds.size() <= MAX_LISTED_KEY_IDS) {
            d.put("keyIds", String.join(",", keyIds));
        } else {
            d.put("keyIds", String.join(",", keyIds.subList(0, 20)) + ",... (" + keyIds.size() + " ids; all listed in keyIdsSha256)");
            d.put("keyIdsSha256", sha256(String.join(",", keyIds)));
        }
        if (!keyOnlyDays.isEmpty()) {
            d.put("dayKeysOfEmptiedDays", String.join(",", keyOnlyDays)
                    + " (their segments were erased by earlier runs; only the day key remained)");
        }
        if (unknownKeyIds > 0) {
            d.put("keyIdsUnknownFor", unknownKeyIds + " segments erased by an interrupted batch (their ids were not returned)");
        }
        d.put("result", result);
        d.putAll(extra);
        String basis = type == LedgerEventType.DESTRUCTION_EARLY
                ? "free space below the configured floor: oldest unheld footage erased before the end of retention "
                  + "so that recording continues (policy Art. 4, retention at most " + retentionDays + " days)"
                : "retention " + retentionDays + " days (policy Art. 4)";
        return LedgerRecord.builder(type, time, "purge-daemon").cameras(String.join(",", cameraIds())).footage(from(), to())
                .legalBasis(basis).form("cryptographic erase").details(d).build();
    }

    /** The tally as the journal stores it (see {@link PurgeJournal}); the JSON shape is that of earlier versions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snapshot(Map<String, CameraSnapshot> cameras, List<String> keyIds, int unknownKeyIds, List<String> keyOnlyDays) {}

    /** One camera's part: {@code ranges} are {@code [fromMillis, toMillis, segments]}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CameraSnapshot(long segments, long bytes, List<long[]> ranges) {}

    Snapshot snapshot() {
        Map<String, CameraSnapshot> cams = new TreeMap<>();
        cameras.forEach((id, c) -> cams.put(id, new CameraSnapshot(c.segments, c.bytes,
                c.ranges.stream().map(long[]::clone).toList())));
        return new Snapshot(cams, List.copyOf(keyIds), unknownKeyIds, List.copyOf(keyOnlyDays));
    }

    static ErasureTally from(Snapshot s) {
        ErasureTally t = new ErasureTally();
        if (s == null) return t;
        if (s.cameras() != null) {
            s.cameras().forEach((id, c) -> {
                CameraTally tally = new CameraTally();
                tally.segments = c.segments();
                tally.bytes = c.bytes();
                c.ranges().forEach(r -> tally.ranges.add(r.clone()));
                t.cameras.put(id, tally);
            });
        }
        if (s.keyIds() != null) t.keyIds.addAll(s.keyIds());
        t.unknownKeyIds = s.unknownKeyIds();
        if (s.keyOnlyDays() != null) t.keyOnlyDays.addAll(s.keyOnlyDays());
        return t;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
