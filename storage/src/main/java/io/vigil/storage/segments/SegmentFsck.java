package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.FsckReport;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.Reason;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks segment files, index rows and day keys against each other, one camera-day at a
 * time under that day's exclusive lock (so an append in progress is never mistaken for
 * debris). Repairs only what cannot be footage anyone can read:
 * <ul>
 *   <li>temporary files (an interrupted write) - deleted;
 *   <li>files without an index row (the crash fell between rename and index commit, so
 *       the append never returned and the segment key was never stored) - deleted;
 *   <li>index rows without a file - dropped;
 *   <li>rows and files of a camera-day whose day key is gone - dropped and deleted (they
 *       can never be decrypted).
 * </ul>
 * A file that fails authentication or has the wrong size is reported, never deleted: it
 * may be evidence of tampering. A segment whose file, key and row are intact is never touched.
 */
public final class SegmentFsck {
    private static final Logger log = LoggerFactory.getLogger(SegmentFsck.class);

    /** How much to check. */
    public enum Scope {
        /** Every camera-day; with {@code deep}, decrypts every file. */
        FULL,
        /** The start-up reconcile: the two newest day directories of each camera, where a crash leaves debris. */
        RECENT
    }

    private final EncryptedSegmentStore store;
    private final Consumer<FsckReport.Problem> onRepair;

    /**
     * @param onRepair called once per repair done (the ledger entry "fsck.repair" is written there)
     */
    public SegmentFsck(EncryptedSegmentStore store, Consumer<FsckReport.Problem> onRepair) {
        this.store = store;
        this.onRepair = onRepair;
    }

    public FsckReport run(boolean repair, boolean deep, Scope scope) {
        List<FsckReport.Problem> problems = new ArrayList<>();
        Set<CameraDay> days = new TreeSet<>(Comparator.comparing(CameraDay::cameraId).thenComparing(CameraDay::day));
        collectDaysOnDisk(scope, days, problems);
        if (scope == Scope.FULL) store.index().forEachCameraDay(days::add);
        long checked = 0;
        for (CameraDay day : days) checked += checkDay(day, repair, deep, problems);
        FsckReport report = new FsckReport(checked, List.copyOf(problems), repair);
        if (report.clean()) {
            log.info("fsck ({}): {} segments in {} camera-days checked, no problems", scope, checked, days.size());
        } else {
            log.warn("fsck ({}): {} segments checked, {} problem(s){}", scope, checked, problems.size(),
                    repair ? ", repaired where safe" : "");
            problems.forEach(p -> log.warn("fsck: {} at {}: {} -> {}", p.kind(), p.where(), p.detail(), p.action()));
        }
        return report;
    }

    private void collectDaysOnDisk(Scope scope, Set<CameraDay> days, List<FsckReport.Problem> problems) {
        Path root = store.layout().root();
        if (!Files.isDirectory(root)) return;
        for (Path cameraDir : list(root)) {
            String camera = cameraDir.getFileName().toString();
            CameraId cameraId = CameraId.isValid(camera) ? new CameraId(camera) : null;
            if (!Files.isDirectory(cameraDir)) {
                problems.add(new FsckReport.Problem("unknown-file", cameraDir.toString(),
                        Reason.of("fsck.detail.notCameraDir"), Reason.of("fsck.action.leftForOperator")));
                continue;
            }
            List<CameraDay> cameraDays = new ArrayList<>();
            for (Path dayDir : list(cameraDir)) {
                try {
                    if (cameraId == null) throw new StorageException("not a camera id: " + camera);
                    cameraDays.add(new CameraDay(cameraId, LocalDate.parse(dayDir.getFileName().toString())));
                } catch (DateTimeParseException | StorageException e) {
                    problems.add(new FsckReport.Problem("unknown-file", dayDir.toString(),
                            Reason.of("fsck.detail.notDayDir"), Reason.of("fsck.action.leftForOperator")));
                }
            }
            cameraDays.sort(Comparator.comparing(CameraDay::day));
            if (scope == Scope.RECENT && cameraDays.size() > 2) cameraDays = cameraDays.subList(cameraDays.size() - 2, cameraDays.size());
            days.addAll(cameraDays);
        }
    }

    /** The files found in a day directory: segment files by key, temporary files. */
    private record DayFiles(Map<SegmentKey, Path> segments, List<Path> temps) {}

    /** Checks one camera-day; returns the number of index rows checked. */
    private long checkDay(CameraDay day, boolean repair, boolean deep, List<FsckReport.Problem> problems) {
        ReentrantReadWriteLock.WriteLock lock = store.locks().of(day).writeLock();
        lock.lock();
        try {
            DayFiles files = listDay(day, problems);
            Map<SegmentKey, byte[]> rows = new HashMap<>();
            store.index().scanDay(day, (k, v) -> rows.put(IndexKeys.parseSegment(k), v));
            boolean hasDayKey = store.dayKeys().wrapped(day).isPresent();
            List<SegmentKey> dropRows = new ArrayList<>();
            List<Path> deleteFiles = new ArrayList<>();
            List<FsckReport.Problem> repairs = new ArrayList<>();

            for (Path t : files.temps()) {
                add(problems, repairs, new FsckReport.Problem("temp-file", t.toString(),
                        Reason.of("fsck.detail.tempFile"), Reason.of(repair ? "fsck.action.deleted" : "fsck.action.wouldDelete")));
                deleteFiles.add(t);
            }
            if (!hasDayKey && (!rows.isEmpty() || !files.segments().isEmpty())) {
                add(problems, repairs, new FsckReport.Problem("missing-day-key", day.toString(),
                        Reason.of("fsck.detail.dayKeyGone", "rows", rows.size(), "files", files.segments().size()),
                        Reason.of(repair ? "fsck.action.rowsDroppedFilesDeleted" : "fsck.action.wouldDropRowsDeleteFiles")));
                dropRows.addAll(rows.keySet());
                deleteFiles.addAll(files.segments().values());
            } else {
                compareRowsAndFiles(rows, files.segments(), repair, deep, problems, repairs, dropRows, deleteFiles);
            }
            if (repair) {
                applyRepairs(day, dropRows, deleteFiles);
                repairs.forEach(onRepair); // after the repair is done, so the ledger records facts
            }
            return rows.size();
        } finally {
            lock.unlock();
        }
    }

    /** Lists a day directory; anything that is neither a segment file of the day nor a temp file is reported. */
    private DayFiles listDay(CameraDay day, List<FsckReport.Problem> problems) {
        Path dir = store.layout().dayDir(day);
        Map<SegmentKey, Path> files = new TreeMap<>();
        List<Path> temps = new ArrayList<>();
        if (!Files.isDirectory(dir)) return new DayFiles(files, temps);
        for (Path f : list(dir)) {
            String name = f.getFileName().toString();
            Optional<SegmentKey> key = SegmentLayout.parse(day.cameraId(), name);
            if (name.endsWith(SegmentLayout.TEMP_SUFFIX)) {
                temps.add(f);
            } else if (key.isPresent() && CameraDay.of(key.get()).equals(day)) {
                files.put(key.get(), f);
            } else {
                problems.add(new FsckReport.Problem("unknown-file", f.toString(),
                        Reason.of("fsck.detail.notSegmentFile", "day", day), Reason.of("fsck.action.leftForOperator")));
            }
        }
        return new DayFiles(files, temps);
    }

    /** Files without rows are orphans, rows without files are dropped, the rest are checked intact. */
    private void compareRowsAndFiles(Map<SegmentKey, byte[]> rows, Map<SegmentKey, Path> files, boolean repair,
                                     boolean deep, List<FsckReport.Problem> problems, List<FsckReport.Problem> repairs,
                                     List<SegmentKey> dropRows, List<Path> deleteFiles) {
        for (Map.Entry<SegmentKey, Path> f : files.entrySet()) {
            if (rows.containsKey(f.getKey())) continue;
            add(problems, repairs, new FsckReport.Problem("orphan-file", f.getValue().toString(),
                    Reason.of("fsck.detail.orphanFile"), Reason.of(repair ? "fsck.action.deleted" : "fsck.action.wouldDelete")));
            deleteFiles.add(f.getValue());
        }
        for (Map.Entry<SegmentKey, byte[]> r : rows.entrySet()) {
            SegmentKey key = r.getKey();
            Path file = files.get(key);
            if (file == null) {
                add(problems, repairs, new FsckReport.Problem("missing-file", key.toString(),
                        Reason.of("fsck.detail.missingFile", "file", store.layout().file(key)),
                        Reason.of(repair ? "fsck.action.rowDropped" : "fsck.action.wouldDropRow")));
                dropRows.add(key);
                continue;
            }
            checkIntact(key, file, SegmentRow.decode(r.getValue()), deep, problems);
        }
    }

    /** Reports (never repairs) a file whose size or authentication is wrong. */
    private void checkIntact(SegmentKey key, Path file, SegmentRow row, boolean deep, List<FsckReport.Problem> problems) {
        try {
            long size = Files.size(file);
            if (size != row.storedBytes()) {
                problems.add(new FsckReport.Problem("size-mismatch", key.toString(),
                        Reason.of("fsck.detail.sizeMismatch", "file", file, "size", size, "indexed", row.storedBytes()),
                        Reason.of("fsck.action.keptForInvestigation")));
                return;
            }
            if (!deep) return;
            SecretKey dayKey = store.dayKeys().get(CameraDay.of(key)).orElseThrow();
            byte[] segKey = store.crypto().unwrap(dayKey, row.wrappedKey(),
                    SegmentCrypto.segmentKeyAad(key.cameraId(), key.startMillis(), key.sequence()));
            store.crypto().decryptSegment(segKey,
                    SegmentCrypto.segmentAad(key.cameraId(), key.startMillis(), key.sequence()), Files.readAllBytes(file));
            java.util.Arrays.fill(segKey, (byte) 0);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            problems.add(new FsckReport.Problem("authentication-failed", key.toString(),
                    Reason.of("fsck.detail.authenticationFailed", "file", file), Reason.of("fsck.action.keptForInvestigation")));
        } catch (IOException e) {
            problems.add(new FsckReport.Problem("unreadable-file", key.toString(),
                    Reason.of("fsck.detail.unreadableFile", "file", file, "detail", IoErrors.reason(e)), Reason.of("fsck.action.none")));
        } catch (StorageException e) {
            problems.add(new FsckReport.Problem("unreadable-key", key.toString(),
                    Reason.of("fsck.detail.unreadableKey", "detail", e.getMessage()), Reason.of("fsck.action.none")));
        }
    }

    private void applyRepairs(CameraDay day, List<SegmentKey> dropRows, List<Path> deleteFiles) {
        if (!dropRows.isEmpty()) {
            try (WriteBatch batch = new WriteBatch()) {
                for (SegmentKey k : dropRows) store.index().delete(batch, k);
                store.index().write(batch);
            } catch (RocksDBException e) {
                throw new StorageException("fsck: cannot drop index rows of " + day + ": " + VigilDatabase.describe(e), e);
            }
        }
        for (Path f : deleteFiles) {
            try {
                store.files().fs().deleteIfExists(f);
            } catch (IOException e) {
                log.warn("fsck: cannot delete {}: {}", f, IoErrors.reason(e));
            }
        }
        if (!deleteFiles.isEmpty()) {
            try {
                store.files().fs().syncDirectory(store.layout().dayDir(day));
            } catch (IOException e) {
                log.debug("fsck: directory sync of {} failed: {}", day, IoErrors.reason(e));
            }
        }
    }

    private static void add(List<FsckReport.Problem> problems, List<FsckReport.Problem> repairs, FsckReport.Problem p) {
        problems.add(p);
        repairs.add(p);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new StorageException("fsck: cannot list " + dir + ": " + IoErrors.reason(e), e);
        }
    }
}
