package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.storage.EraseResult;
import io.vigil.storage.SegmentAuthenticationException;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.Span;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SegmentStore}: AES-256-GCM segment files under {@code <dataDir>/segments},
 * indexed in RocksDB. See {@code docs/storage.md} for the layout, key hierarchy and the
 * write and erase procedures. Thread-safe.
 *
 * <p>Locking: every camera-day has a read-write lock. Appends, reads and single-segment
 * erases take it shared; a whole-day erase and fsck of that day take it exclusively, so
 * fsck never mistakes an append's renamed-but-not-yet-indexed file for an orphan.
 */
public final class EncryptedSegmentStore implements SegmentStore {
    private static final Logger log = LoggerFactory.getLogger(EncryptedSegmentStore.class);

    private final VigilDatabase db;
    private final ColumnFamilyHandle segmentsCf;
    private final ColumnFamilyHandle gapsCf;
    private final ColumnFamilyHandle dayKeysCf;
    private final SegmentLayout layout;
    private final SegmentCrypto crypto = new SegmentCrypto();
    private final DayKeys dayKeys;
    private final FileSystemOps fs;
    private final Clock clock;
    private final StorageMetrics metrics;
    private final SecureRandom tempNames = new SecureRandom();
    private final Set<SegmentKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<CameraDay, ReentrantReadWriteLock> dayLocks = new ConcurrentHashMap<>();
    private volatile EraseListener eraseListener = (what, result) -> { };
    private final Thread storedBytesScan;
    private volatile boolean closing;
    /** Serialises the flush+compaction of erases; RocksDB would serialise manual compactions anyway. */
    private final Object purgeLock = new Object();

    /** A store whose day keys are wrapped by one master key (id 1). */
    public EncryptedSegmentStore(VigilDatabase db, Path dataDir, SecretKey masterKey, Clock clock, MeterRegistry meters) {
        this(db, dataDir, MasterKeys.single(masterKey), clock, meters, FileSystemOps.REAL);
    }

    public EncryptedSegmentStore(VigilDatabase db, Path dataDir, MasterKeys masterKeys, Clock clock, MeterRegistry meters) {
        this(db, dataDir, masterKeys, clock, meters, FileSystemOps.REAL);
    }

    EncryptedSegmentStore(VigilDatabase db, Path dataDir, MasterKeys masterKeys, Clock clock, MeterRegistry meters,
                          FileSystemOps fs) {
        this.db = db;
        this.segmentsCf = db.cf(VigilDatabase.SEGMENTS);
        this.gapsCf = db.cf(VigilDatabase.GAPS);
        this.dayKeysCf = db.cf(VigilDatabase.DAYKEYS);
        this.layout = new SegmentLayout(dataDir);
        this.dayKeys = new DayKeys(db, masterKeys, crypto);
        this.fs = fs;
        this.clock = clock;
        this.metrics = new StorageMetrics(meters, clock, this::oldestStart);
        try {
            fs.createDirectory(layout.root());
        } catch (IOException e) {
            throw new StorageException("cannot create segment directory " + layout.root() + ": " + reason(e), e);
        }
        storedBytesScan = startStoredBytesScan();
    }

    // ---------------------------------------------------------------- append

    @Override
    public SegmentKey append(String cameraId, Instant start, Instant end, long sequence, List<java.nio.ByteBuffer> fmp4) {
        IndexKeys.checkCameraId(cameraId);
        if (start == null || end == null || fmp4 == null || fmp4.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("start, end and bytes are required");
        }
        if (end.isBefore(start)) {
            throw new StorageException("segment of camera " + cameraId + " at " + start + " ends before it starts (" + end + ")");
        }
        if (start.toEpochMilli() < 0 || sequence < 0) {
            throw new StorageException("segment of camera " + cameraId + " has a negative start time or sequence");
        }
        SegmentKey key = new SegmentKey(cameraId, start.toEpochMilli(), sequence);
        CameraDay day = CameraDay.of(key);
        long t0 = System.nanoTime();
        ReentrantReadWriteLock.ReadLock lock = dayLock(day).readLock();
        lock.lock();
        try {
            if (!inFlight.add(key)) throw new StorageException("segment " + key + " is already being stored");
            try {
                byte[] indexKey = IndexKeys.segment(key);
                if (db.db().get(segmentsCf, indexKey) != null) {
                    throw new StorageException("segment " + key + " is already stored; sequence numbers must not repeat");
                }
                long stored = writeSegment(key, day, indexKey, end.toEpochMilli(), fmp4);
                metrics.written(cameraId, stored, Duration.ofNanos(System.nanoTime() - t0));
                return key;
            } finally {
                inFlight.remove(key);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot store segment " + key + ": index error: " + VigilDatabase.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    private long writeSegment(SegmentKey key, CameraDay day, byte[] indexKey, long endMillis, List<java.nio.ByteBuffer> plaintext)
            throws RocksDBException {
        SecretKey dayKey = dayKeys.getOrCreate(day);
        byte[] segmentKey = crypto.randomKeyBytes();
        Path dir = layout.dayDir(day);
        Path target = layout.file(key);
        Path temp = layout.tempFile(key, tempNames.nextLong());
        boolean renamed = false;
        byte[] wrapped;
        long stored;
        try {
            wrapped = crypto.wrap(dayKey, segmentKey,
                    SegmentCrypto.segmentKeyAad(key.cameraId(), key.startMillis(), key.sequence()));
            ensureDirectory(dir);
            try (FileChannel ch = fs.createNew(temp)) {
                stored = crypto.encryptSegmentTo(segmentKey,
                        SegmentCrypto.segmentAad(key.cameraId(), key.startMillis(), key.sequence()), plaintext,
                        chunk -> fs.writeFully(ch, chunk));
                fs.force(ch);
            }
            fs.moveAtomically(temp, target);
            renamed = true;
            fs.syncDirectory(dir);
        } catch (GeneralSecurityException e) {
            cleanUpFailedWrite(key, temp, null);
            throw new StorageException("cannot encrypt segment " + key + ": " + e.getMessage(), e);
        } catch (IOException e) {
            knownDirectories.remove(dir); // if it was deleted under us, the next append recreates it
            cleanUpFailedWrite(key, temp, renamed ? target : null);
            throw new StorageException("cannot store segment " + key + " in " + dir + ": " + reason(e)
                    + "; nothing already stored was changed", e);
        } finally {
            Arrays.fill(segmentKey, (byte) 0);
        }
        SegmentRow row = new SegmentRow(endMillis, SegmentCrypto.totalLength(plaintext), stored, wrapped);
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(segmentsCf, indexKey, row.encode());
            db.db().write(db.syncWrite(), batch);
        } catch (RocksDBException e) {
            cleanUpFailedWrite(key, null, target);
            throw new StorageException("cannot index segment " + key + ": " + VigilDatabase.describe(e)
                    + "; its file was removed, nothing already stored was changed", e);
        }
        return stored;
    }

    private void cleanUpFailedWrite(SegmentKey key, Path temp, Path target) {
        for (Path p : new Path[] {temp, target}) {
            if (p == null) continue;
            try {
                fs.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("segment {}: could not remove {} after a failed write ({}); fsck will remove it", key, p, reason(e));
            }
        }
    }

    private void ensureDirectory(Path dir) throws IOException {
        if (knownDirectories.contains(dir)) return;
        boolean cameraDirExisted = Files.isDirectory(dir.getParent());
        fs.createDirectory(dir);
        // New directory entries must be durable too, or a power cut could lose a whole day directory.
        fs.syncDirectory(dir.getParent());
        if (!cameraDirExisted) fs.syncDirectory(dir.getParent().getParent());
        knownDirectories.add(dir);
    }

    // ---------------------------------------------------------------- read

    @Override
    public byte[] read(SegmentKey key) {
        CameraDay day = CameraDay.of(key);
        ReentrantReadWriteLock.ReadLock lock = dayLock(day).readLock();
        lock.lock();
        try {
            SegmentRow row = row(key).orElseThrow(() -> new SegmentNotFoundException(key));
            byte[] segmentKey = unwrapSegmentKey(key, row);
            Path file = layout.file(key);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                // Erased between reading the row and opening the file: report it as gone, not as damage.
                if (row(key).isEmpty()) throw new SegmentNotFoundException(key);
                throw new StorageException("segment " + key + ": its file " + file
                        + " is missing although it is indexed; run 'vigil fsck'");
            } catch (IOException e) {
                throw new StorageException("cannot read segment " + key + " from " + file + ": " + reason(e), e);
            }
            try {
                return crypto.decryptSegment(segmentKey,
                        SegmentCrypto.segmentAad(key.cameraId(), key.startMillis(), key.sequence()), bytes);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new SegmentAuthenticationException(key, "file " + file
                        + " was altered, truncated, or belongs to another segment ("
                        + (e instanceof IllegalArgumentException ? e.getMessage() : "GCM tag mismatch") + ")");
            } finally {
                Arrays.fill(segmentKey, (byte) 0);
            }
        } finally {
            lock.unlock();
        }
    }

    private byte[] unwrapSegmentKey(SegmentKey key, SegmentRow row) {
        CameraDay day = CameraDay.of(key);
        SecretKey dayKey = dayKeys.get(day).orElseThrow(() -> new StorageException("segment " + key
                + ": the key of camera-day " + day + " is missing (erased, or the index is damaged); run 'vigil fsck'"));
        try {
            return crypto.unwrap(dayKey, row.wrappedKey(),
                    SegmentCrypto.segmentKeyAad(key.cameraId(), key.startMillis(), key.sequence()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SegmentAuthenticationException(key,
                    "its wrapped key in the index does not authenticate (index row altered or copied from another segment)");
        }
    }

    Optional<SegmentRow> row(SegmentKey key) {
        try {
            byte[] v = db.db().get(segmentsCf, IndexKeys.segment(key));
            return v == null ? Optional.empty() : Optional.of(SegmentRow.decode(v));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read index row of segment " + key + ": " + VigilDatabase.describe(e), e);
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public List<SegmentInfo> list(String cameraId, Instant from, Instant to) {
        IndexKeys.checkCameraId(cameraId);
        List<SegmentInfo> out = new ArrayList<>();
        if (!to.isAfter(from)) return out;
        long fromMillis = Math.max(0, from.toEpochMilli());
        // The segment that started before `from` may still run into the window: segments of
        // one camera do not overlap each other, so only the last one before `from` can.
        previousSegment(cameraId, fromMillis).filter(s -> s.end().toEpochMilli() > fromMillis).ifPresent(out::add);
        scan(segmentsCf, IndexKeys.timeBound(cameraId, fromMillis), IndexKeys.timeBound(cameraId, Math.max(0, to.toEpochMilli())),
                (k, v) -> out.add(info(IndexKeys.parseSegment(cameraId, k), v)));
        return out;
    }

    private Optional<SegmentInfo> previousSegment(String cameraId, long beforeMillis) {
        try (Slice lower = new Slice(IndexKeys.cameraPrefix(cameraId));
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lower);
             RocksIterator it = db.db().newIterator(segmentsCf, ro)) {
            it.seekForPrev(IndexKeys.timeBound(cameraId, beforeMillis));
            // seekForPrev lands on the last key <= bound; the bound itself is never a full key.
            if (!it.isValid()) return Optional.empty();
            return Optional.of(info(IndexKeys.parseSegment(it.key()), it.value()));
        }
    }

    /** Index row to SegmentInfo without copying the wrapped key (range queries read many rows). */
    private static SegmentInfo info(SegmentKey key, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value, 1, 24);
        long end = b.getLong();
        long plain = b.getLong();
        long stored = b.getLong();
        return new SegmentInfo(key, key.start(), Instant.ofEpochMilli(end), plain, stored);
    }

    @Override
    public List<Span> timeline(String cameraId, Instant from, Instant to) {
        IndexKeys.checkCameraId(cameraId);
        if (!to.isAfter(from)) return List.of();
        List<SegmentInfo> segments = list(cameraId, from, to);
        List<TimelineBuilder.ReportedGap> gaps = new ArrayList<>();
        long fromMillis = from.toEpochMilli();
        scan(gapsCf, IndexKeys.cameraPrefix(cameraId), IndexKeys.gap(cameraId, Math.max(0, to.toEpochMilli())), (k, v) -> {
            ByteBuffer b = ByteBuffer.wrap(v);
            long gapTo = b.getLong();
            if (gapTo <= fromMillis) return;
            String reason = new String(v, 8, v.length - 8, StandardCharsets.UTF_8);
            gaps.add(new TimelineBuilder.ReportedGap(IndexKeys.gapStart(k), gapTo, reason));
        });
        return TimelineBuilder.build(fromMillis, to.toEpochMilli(), segments, gaps);
    }

    @Override
    public void recordGap(String cameraId, Instant from, Instant to, String reason) {
        IndexKeys.checkCameraId(cameraId);
        if (!to.isAfter(from)) return;
        byte[] r = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        byte[] value = ByteBuffer.allocate(8 + r.length).putLong(to.toEpochMilli()).put(r).array();
        try {
            db.db().put(gapsCf, db.syncWrite(), IndexKeys.gap(cameraId, Math.max(0, from.toEpochMilli())), value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot record gap of camera " + cameraId + " at " + from + ": "
                    + VigilDatabase.describe(e), e);
        }
    }

    @Override
    public Set<String> cameras() {
        Set<String> out = new TreeSet<>();
        try (RocksIterator it = db.db().newIterator(segmentsCf)) {
            // Skip-scan: one seek per camera, not one step per row.
            for (it.seekToFirst(); it.isValid(); ) {
                String camera = IndexKeys.parseSegment(it.key()).cameraId();
                out.add(camera);
                it.seek(IndexKeys.cameraEnd(camera));
            }
        }
        return out;
    }

    @Override
    public Optional<Instant> oldestStart(String cameraId) {
        try (Slice lower = new Slice(IndexKeys.cameraPrefix(cameraId));
             Slice upper = new Slice(IndexKeys.cameraEnd(cameraId));
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
             RocksIterator it = db.db().newIterator(segmentsCf, ro)) {
            it.seekToFirst();
            return it.isValid() ? Optional.of(IndexKeys.parseSegment(it.key()).start()) : Optional.empty();
        }
    }

    /** Calls {@code visitor} for each row with key in [lower, upper), in order. */
    void scan(ColumnFamilyHandle cf, byte[] lower, byte[] upper, RowVisitor visitor) {
        try (Slice lo = new Slice(lower);
             Slice hi = new Slice(upper);
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lo).setIterateUpperBound(hi);
             RocksIterator it = db.db().newIterator(cf, ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) visitor.visit(it.key(), it.value());
            try {
                it.status();
            } catch (RocksDBException e) {
                throw new StorageException("index scan failed: " + VigilDatabase.describe(e), e);
            }
        }
    }

    interface RowVisitor {
        void visit(byte[] key, byte[] value);
    }

    // ---------------------------------------------------------------- erase

    @Override
    public EraseResult eraseSegment(SegmentKey key) {
        return eraseSegments(List.of(key));
    }

    @Override
    public EraseResult eraseSegments(Collection<SegmentKey> keys) {
        List<SegmentKey> sorted = keys.stream().distinct().sorted().toList();
        List<SegmentKey> erased = new ArrayList<>();
        List<String> keyIds = new ArrayList<>();
        long bytes = 0;
        List<ReentrantReadWriteLock.ReadLock> locks = sorted.stream().map(CameraDay::of).distinct()
                .sorted(Comparator.comparing(CameraDay::toString))
                .map(d -> dayLock(d).readLock()).toList();
        locks.forEach(ReentrantReadWriteLock.ReadLock::lock);
        try {
            Map<String, Long> perCamera = new HashMap<>();
            try (WriteBatch batch = new WriteBatch()) {
                for (SegmentKey key : sorted) {
                    Optional<SegmentRow> row = row(key);
                    if (row.isEmpty()) continue;
                    batch.delete(segmentsCf, IndexKeys.segment(key));
                    erased.add(key);
                    keyIds.add("segment:" + key);
                    bytes += row.get().storedBytes();
                    perCamera.merge(key.cameraId(), row.get().storedBytes(), Long::sum);
                }
                if (erased.isEmpty()) return EraseResult.empty();
                db.db().write(db.syncWrite(), batch);
            } catch (RocksDBException e) {
                throw new StorageException("cannot erase segments " + sorted + ": " + VigilDatabase.describe(e), e);
            }
            perCamera.forEach(metrics::removed);
            for (SegmentKey key : erased) deleteQuietly(layout.file(key));
            // One compaction range per camera-day touched (erased is sorted), so a batch that
            // spans cameras or days never makes the compaction rewrite everything in between.
            List<Range> ranges = new ArrayList<>();
            SegmentKey first = erased.get(0);
            for (int i = 1; i <= erased.size(); i++) {
                if (i == erased.size() || !CameraDay.of(erased.get(i)).equals(CameraDay.of(first))) {
                    ranges.add(new Range(segmentsCf, IndexKeys.segment(first), successor(IndexKeys.segment(erased.get(i - 1)))));
                    if (i < erased.size()) first = erased.get(i);
                }
            }
            purge(ranges);
            log.info("erased {} segment(s), {} bytes, first {}", erased.size(), bytes, erased.get(0));
            EraseResult result = new EraseResult(List.copyOf(erased), bytes, List.copyOf(keyIds));
            notifyErased("segments", result);
            return result;
        } finally {
            locks.forEach(ReentrantReadWriteLock.ReadLock::unlock);
        }
    }

    @Override
    public EraseResult eraseCameraDay(CameraDay day) {
        String cameraId = day.cameraId();
        LocalDate dayUtc = day.day();
        IndexKeys.checkCameraId(cameraId);
        ReentrantReadWriteLock.WriteLock lock = dayLock(day).writeLock();
        lock.lock();
        try {
            byte[] lower = IndexKeys.timeBound(cameraId, day.startMillis());
            byte[] upper = IndexKeys.timeBound(cameraId, day.endMillis());
            List<SegmentKey> erased = new ArrayList<>();
            long[] bytes = {0};
            long t0 = System.nanoTime();
            scan(segmentsCf, lower, upper, (k, v) -> {
                erased.add(IndexKeys.parseSegment(k));
                bytes[0] += SegmentRow.storedBytesOf(v);
            });
            boolean hadDayKey = dayKeys.wrapped(day).isPresent();
            byte[] dayKeyRow = IndexKeys.day(cameraId, dayUtc);
            try (WriteBatch batch = new WriteBatch()) {
                // One range tombstone for the whole day instead of 43,200 point deletes.
                batch.deleteRange(segmentsCf, lower, upper);
                // Reported gaps starting that day go too: nothing of an expired day is kept.
                batch.deleteRange(gapsCf, IndexKeys.gap(cameraId, day.startMillis()), IndexKeys.gap(cameraId, day.endMillis()));
                dayKeys.destroy(day, batch);
                db.db().write(db.syncWrite(), batch);
            } catch (RocksDBException e) {
                throw new StorageException("cannot erase camera-day " + day + ": " + VigilDatabase.describe(e), e);
            } finally {
                dayKeys.forget(day);
            }
            long t1 = System.nanoTime();
            metrics.removed(cameraId, bytes[0]);
            purge(List.of(new Range(segmentsCf, lower, upper), new Range(dayKeysCf, dayKeyRow, successor(dayKeyRow))));
            long t2 = System.nanoTime();
            deleteDayDirectory(day);
            long t3 = System.nanoTime();
            List<String> keyIds = hadDayKey ? List.of(day.keyId()) : List.of();
            log.info("erased camera-day {}: {} segments, {} bytes, day key destroyed: {} (index delete {} ms, "
                    + "index purge {} ms, file deletion {} ms)", day, erased.size(), bytes[0], hadDayKey,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            EraseResult result = new EraseResult(List.copyOf(erased), bytes[0], keyIds);
            notifyErased("camera-day " + day, result);
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Re-wraps every day key not wrapped by the current master key (after {@code vigil keys
     * rotate}), then purges the old wrapped copies from the index, so the previous master key
     * can be retired. Returns the number of day keys re-wrapped.
     */
    public int rewrapDayKeys() {
        List<CameraDay> stale = new ArrayList<>();
        scan(dayKeysCf, new byte[0], new byte[] {(byte) 0xff}, (k, v) -> {
            if (!dayKeys.wrappedByCurrentMasterKey(v)) stale.add(IndexKeys.parseDay(k));
        });
        for (CameraDay day : stale) {
            ReentrantReadWriteLock.WriteLock lock = dayLock(day).writeLock();
            lock.lock();
            try {
                dayKeys.rewrap(day);
            } finally {
                lock.unlock();
            }
        }
        if (!stale.isEmpty()) purge(List.of(new Range(dayKeysCf, new byte[0], new byte[] {(byte) 0xff})));
        log.info("re-wrapped {} day key(s) under the current master key", stale.size());
        return stale.size();
    }

    /**
     * Fails fast, with one clear message, when the master keys given do not unwrap the day
     * keys already in this data directory (the keystore of another installation, or a
     * retired master key still in use). Checks the newest day key; a new store passes.
     */
    public void checkMasterKeyMatches() {
        Optional<CameraDay> newest;
        try (RocksIterator it = db.db().newIterator(dayKeysCf)) {
            it.seekToLast();
            newest = it.isValid() ? Optional.of(IndexKeys.parseDay(it.key())) : Optional.empty();
        }
        if (newest.isEmpty()) return;
        try {
            dayKeys.get(newest.get());
        } catch (StorageException e) {
            throw new StorageException("the keystore does not match the data directory " + layout.root().getParent()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Told about every completed erase (the store writes a ledger entry for each). */
    public interface EraseListener {
        /** @param what "segments" or "camera-day &lt;camera&gt;/&lt;day&gt;" */
        void erased(String what, EraseResult result);
    }

    public void setEraseListener(EraseListener listener) {
        this.eraseListener = listener;
    }

    private void notifyErased(String what, EraseResult result) {
        try {
            eraseListener.erased(what, result);
        } catch (RuntimeException e) {
            log.error("erase of {} completed but its listener failed: {}", what, e.getMessage());
        }
    }

    record Range(ColumnFamilyHandle cf, byte[] begin, byte[] end) {}

    /** Flushes once, then compacts each range so no copy of the deleted rows stays in the index directory. */
    void purge(List<Range> ranges) {
        // An open iterator pins the SST files it reads; the start-up scan's must be gone, or
        // the files holding the erased keys would outlive this erase.
        awaitStoredBytesScan();
        synchronized (purgeLock) {
            for (int i = 0; i < ranges.size(); i++) {
                Range r = ranges.get(i);
                if (i == 0) {
                    db.purgeDeleted(r.cf(), r.begin(), r.end());
                } else {
                    db.compactDeleted(r.cf(), r.begin(), r.end());
                }
            }
        }
    }

    private void deleteDayDirectory(CameraDay day) {
        Path dir = layout.dayDir(day);
        knownDirectories.remove(dir);
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(this::deleteQuietly);
        } catch (IOException e) {
            log.warn("camera-day {}: cannot list {} to delete its files ({}); fsck will remove them", day, dir, reason(e));
        }
        deleteQuietly(dir);
    }

    private void deleteQuietly(Path p) {
        try {
            fs.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete {} ({}); its key is destroyed, fsck will remove the file", p, reason(e));
        }
    }

    static byte[] successor(byte[] key) {
        byte[] s = Arrays.copyOf(key, key.length + 1);
        return s; // key + 0x00 is the smallest key greater than key
    }

    // ---------------------------------------------------------------- internals shared with fsck and tests

    ReentrantReadWriteLock dayLock(CameraDay day) {
        return dayLocks.computeIfAbsent(day, d -> new ReentrantReadWriteLock());
    }

    VigilDatabase database() {
        return db;
    }

    SegmentLayout layout() {
        return layout;
    }

    DayKeys dayKeys() {
        return dayKeys;
    }

    SegmentCrypto crypto() {
        return crypto;
    }

    FileSystemOps fs() {
        return fs;
    }

    void forEachCameraDayInIndex(Consumer<CameraDay> consumer) {
        try (RocksIterator it = db.db().newIterator(segmentsCf)) {
            for (it.seekToFirst(); it.isValid(); ) {
                SegmentKey k = IndexKeys.parseSegment(it.key());
                CameraDay d = CameraDay.of(k);
                consumer.accept(d);
                it.seek(IndexKeys.timeBound(d.cameraId(), d.endMillis()));
            }
        }
    }

    /** The key material of a stored segment, for the erase proof test only. */
    record KeyMaterial(byte[] segmentKey, byte[] wrappedSegmentKey, byte[] dayKey, byte[] wrappedDayKey) {}

    KeyMaterial keyMaterialForTest(SegmentKey key) {
        SegmentRow row = row(key).orElseThrow(() -> new SegmentNotFoundException(key));
        CameraDay day = CameraDay.of(key);
        return new KeyMaterial(unwrapSegmentKey(key, row), row.wrappedKey().clone(),
                dayKeys.get(day).orElseThrow().getEncoded(),
                Arrays.copyOfRange(dayKeys.wrapped(day).orElseThrow(), 5, 5 + SegmentCrypto.WRAPPED_KEY_BYTES));
    }

    /**
     * Sums the stored bytes per camera for the gauge in the background: over a full index
     * (9.7 M rows) it takes seconds, which opening the store should not wait for. The
     * iterator is created here, before any append can run, so its implicit snapshot holds
     * exactly the rows that appends and erases from now on have not counted; the sums are
     * then added to (not set over) what those appends and erases recorded meanwhile.
     */
    private Thread startStoredBytesScan() {
        ReadOptions ro = new ReadOptions().setFillCache(false);
        RocksIterator it = db.db().newIterator(segmentsCf, ro);
        Thread t = new Thread(() -> {
            Map<String, Long> perCamera = new HashMap<>();
            try {
                long n = 0;
                for (it.seekToFirst(); it.isValid() && !closing; it.next()) {
                    byte[] k = it.key();
                    int zero = 0;
                    while (k[zero] != 0) zero++;
                    perCamera.merge(new String(k, 0, zero, StandardCharsets.UTF_8), SegmentRow.storedBytesOf(it.value()), Long::sum);
                    n++;
                }
                if (!closing) {
                    perCamera.forEach(metrics::addStored);
                    log.debug("stored bytes summed over {} index rows", n);
                }
            } catch (RuntimeException e) {
                log.warn("summing stored bytes for the metrics failed: {}", e.getMessage());
            } finally {
                it.close();
                ro.close();
            }
        }, "vigil-storage-stored-bytes");
        t.setDaemon(true);
        // The scan must end before RocksDB closes, or it would read freed native memory.
        db.beforeClose(() -> {
            closing = true;
            awaitStoredBytesScan();
        });
        t.start();
        return t;
    }

    /** Waits until the start-up sum of stored bytes is done (tests). */
    void awaitStoredBytesScan() {
        boolean interrupted = false;
        while (storedBytesScan.isAlive()) {
            try {
                storedBytesScan.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) return "no such file: " + m;
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + (fse.getFile() != null ? " (" + fse.getFile() + ")" : "");
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
