package io.vigil.storage.segments;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.ActivitySample;
import io.vigil.storage.CameraDay;
import io.vigil.storage.EraseResult;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.Span;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * The {@link SegmentStore}: AES-256-GCM segment files under {@code <dataDir>/segments},
 * indexed in RocksDB. A thin front, split the way a log store is: {@link SegmentWriter}
 * appends, {@link SegmentReader} reads, {@link SegmentIndex} owns the index rows (queries,
 * gaps), {@link ActivityIndex} keeps the activity line's samples, {@link SegmentEraser} erases,
 * {@link DayKeyRotation} re-wraps day keys,
 * {@link StorageMetrics} and {@link StoredBytesScan} keep the meters. See
 * {@code docs/storage.md} for the layout, key hierarchy and the write and erase procedures.
 * Thread-safe; every camera-day has a read-write lock ({@link DayLocks}).
 */
public final class EncryptedSegmentStore implements SegmentStore {
    private final SegmentIndex index;
    private final ActivityIndex activity;
    private final SegmentFiles files;
    private final SegmentCrypto crypto = new SegmentCrypto();
    private final DayKeys dayKeys;
    private final DayLocks locks = new DayLocks();
    private final StoredBytesScan storedBytesScan;
    private final SegmentWriter writer;
    private final SegmentReader reader;
    private final SegmentEraser eraser;
    private final DayKeyRotation rotation;

    /** A store whose day keys are wrapped by one master key (id 1). */
    public EncryptedSegmentStore(VigilDatabase db, Path dataDir, SecretKey masterKey, Clock clock, MeterRegistry meters) {
        this(db, dataDir, MasterKeys.single(masterKey), clock, meters, FileSystemOps.REAL);
    }

    public EncryptedSegmentStore(VigilDatabase db, Path dataDir, MasterKeys masterKeys, Clock clock, MeterRegistry meters) {
        this(db, dataDir, masterKeys, clock, meters, FileSystemOps.REAL);
    }

    /** With the file calls of {@code fs} (fault-injection tests replace them). */
    EncryptedSegmentStore(VigilDatabase db, Path dataDir, MasterKeys masterKeys, Clock clock, MeterRegistry meters,
                          FileSystemOps fs) {
        this.index = new SegmentIndex(db);
        this.activity = new ActivityIndex(db, index);
        this.files = new SegmentFiles(new SegmentLayout(dataDir), fs);
        this.dayKeys = new DayKeys(db, masterKeys, crypto);
        StorageMetrics metrics = new StorageMetrics(meters, clock, this::oldestStart);
        this.storedBytesScan = new StoredBytesScan(index, metrics);
        IndexPurge purge = new IndexPurge(db, storedBytesScan);
        this.writer = new SegmentWriter(index, files, dayKeys, crypto, locks, metrics);
        this.reader = new SegmentReader(index, files.layout(), dayKeys, crypto, locks);
        this.eraser = new SegmentEraser(index, activity, files, dayKeys, locks, purge, metrics);
        this.rotation = new DayKeyRotation(dayKeys, locks, purge, dataDir);
        try {
            fs.createDirectory(files.layout().root());
        } catch (IOException e) {
            throw new StorageException("cannot create segment directory " + files.layout().root() + ": "
                    + IoErrors.reason(e), e);
        }
        storedBytesScan.start();
    }

    @Override
    public SegmentKey append(CameraId cameraId, Instant start, Instant end, long sequence, List<ByteBuffer> fmp4) {
        return writer.append(cameraId, start, end, sequence, fmp4);
    }

    @Override
    public byte[] read(SegmentKey key) {
        return reader.read(key);
    }

    @Override
    public List<SegmentInfo> list(CameraId cameraId, Instant from, Instant to) {
        Objects.requireNonNull(cameraId, "cameraId");
        return index.list(cameraId, from, to);
    }

    @Override
    public List<Span> timeline(CameraId cameraId, Instant from, Instant to) {
        Objects.requireNonNull(cameraId, "cameraId");
        if (!to.isAfter(from)) return List.of();
        List<SegmentInfo> segments = index.list(cameraId, from, to);
        return TimelineBuilder.build(from.toEpochMilli(), to.toEpochMilli(), segments,
                index.gaps(cameraId, from.toEpochMilli(), to.toEpochMilli()));
    }

    @Override
    public void recordGap(CameraId cameraId, Instant from, Instant to, String reason) {
        Objects.requireNonNull(cameraId, "cameraId");
        if (!to.isAfter(from)) return;
        index.recordGap(cameraId, from, to, reason);
    }

    @Override
    public void recordActivity(SegmentKey segment, int change) {
        activity.record(segment, change);
    }

    @Override
    public List<ActivitySample> activity(CameraId cameraId, Instant from, Instant to) {
        return activity.samples(cameraId, from, to);
    }

    @Override
    public Set<CameraId> cameras() {
        return index.cameras();
    }

    @Override
    public Optional<Instant> oldestStart(CameraId cameraId) {
        return index.oldestStart(cameraId);
    }

    @Override
    public EraseResult eraseSegment(SegmentKey key) {
        return eraser.eraseSegments(List.of(key));
    }

    @Override
    public EraseResult eraseSegments(Collection<SegmentKey> keys) {
        return eraser.eraseSegments(keys);
    }

    @Override
    public EraseResult eraseCameraDay(CameraDay day) {
        return eraser.eraseCameraDay(day);
    }

    /** See {@link DayKeyRotation#rewrapDayKeys()}. */
    public int rewrapDayKeys() {
        return rotation.rewrapDayKeys();
    }

    /** See {@link DayKeyRotation#checkMasterKeyMatches()}. */
    public void checkMasterKeyMatches() {
        rotation.checkMasterKeyMatches();
    }

    /** Told about every completed erase (the assembled store writes a ledger entry for each). */
    public void setEraseListener(EraseListener listener) {
        eraser.setListener(listener);
    }

    // ------------------------------------------------ the parts, for fsck (same package) and white-box tests

    SegmentIndex index() {
        return index;
    }

    SegmentReader reader() {
        return reader;
    }

    VigilDatabase database() {
        return index.database();
    }

    SegmentLayout layout() {
        return files.layout();
    }

    SegmentFiles files() {
        return files;
    }

    DayKeys dayKeys() {
        return dayKeys;
    }

    SegmentCrypto crypto() {
        return crypto;
    }

    DayLocks locks() {
        return locks;
    }

    StoredBytesScan storedBytesScan() {
        return storedBytesScan;
    }
}
