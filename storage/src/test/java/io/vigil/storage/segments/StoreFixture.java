package io.vigil.storage.segments;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.db.VigilDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** A real store (real RocksDB, real files) in a test directory, reopenable. */
final class StoreFixture implements AutoCloseable {
    final Path dataDir;
    final SecretKey masterKey;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Clock clock;
    VigilDatabase db;
    EncryptedSegmentStore store;

    StoreFixture(Path dataDir) {
        this(dataDir, FileSystemOps.REAL, Clock.systemUTC(), fixedMasterKey());
    }

    StoreFixture(Path dataDir, FileSystemOps fs, Clock clock, SecretKey masterKey) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.masterKey = masterKey;
        open(fs);
    }

    static SecretKey fixedMasterKey() {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) k[i] = (byte) (i * 7 + 3);
        return new SecretKeySpec(k, "AES");
    }

    void open(FileSystemOps fs) {
        db = VigilDatabase.open(dataDir);
        store = new EncryptedSegmentStore(db, dataDir, MasterKeys.single(masterKey), clock, meters, fs);
    }

    void reopen() {
        db.close();
        open(FileSystemOps.REAL);
    }

    @Override
    public void close() {
        db.close();
    }

    /** Appends one segment of {@code seconds} from {@code start} holding {@link #contentFor} its key ({@code size} bytes); its key. */
    SegmentKey append(String camera, Instant start, long seconds, long seq, int size) {
        SegmentKey k = new SegmentKey(CameraId.of(camera), start.toEpochMilli(), seq);
        return store.append(CameraId.of(camera), start, start.plusSeconds(seconds), seq, contentFor(k, size));
    }

    /** {@code count} consecutive 2 s segments from {@code from}, numbered from {@code firstSeq}, as {@link #append}; their keys. */
    List<SegmentKey> appendRun(String camera, Instant from, int count, long firstSeq, int size) {
        List<SegmentKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) keys.add(append(camera, from.plusSeconds(2L * i), 2, firstSeq + i, size));
        return keys;
    }

    /** Deterministic content derived from the segment key, so a reader can check every byte. */
    static byte[] contentFor(SegmentKey key, int size) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] seed = sha.digest(key.toString().getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[size];
            ByteBuffer counter = ByteBuffer.allocate(8);
            for (int off = 0, block = 0; off < size; block++) {
                sha.update(seed);
                counter.clear();
                sha.update(counter.putLong(block).array());
                byte[] d = sha.digest();
                int n = Math.min(d.length, size - off);
                System.arraycopy(d, 0, out, off, n);
                off += n;
            }
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
