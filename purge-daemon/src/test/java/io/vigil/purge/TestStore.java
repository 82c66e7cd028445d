package io.vigil.purge;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.RetentionConfig;
import io.vigil.config.VigilConfig;
import io.vigil.storage.VigilStore;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real store (keystore, RocksDB, segment files) in a temp directory, with a test-driven clock. */
final class TestStore implements AutoCloseable {
    static final char[] PASS = "purge test passphrase".toCharArray();
    static final Duration INTERVAL = Duration.ofMinutes(10);

    final Path root;
    final MutableClock clock;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    VigilStore store;

    private TestStore(Path root, MutableClock clock) {
        this.root = root;
        this.clock = clock;
    }

    static TestStore create(Path root, Instant start) {
        if (!Files.exists(root.resolve("vigil.keystore"))) {
            Keystore.create(root.resolve("vigil.keystore"), PASS, new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        }
        TestStore t = new TestStore(root, new MutableClock(start));
        t.open();
        return t;
    }

    Path dataDir() {
        return root.resolve("data");
    }

    void open() {
        store = VigilStores.open(new StoreOptions(dataDir(), root.resolve("vigil.keystore"), PASS.clone(), clock, meters));
    }

    void reopen() {
        store.close();
        open();
    }

    static VigilConfig config(Path dataDir, int days, Duration interval, long minFreeBytes) {
        return new VigilConfig("test hospital", dataDir, null, null, new RetentionConfig(days, 30, interval, minFreeBytes),
                Duration.ofSeconds(2), List.of(), null, null, Map.of(), List.of());
    }

    VigilConfig config() {
        return config(dataDir(), 14, INTERVAL, 0);
    }

    /** Appends contiguous segments of {@code length} from {@code from} until {@code to}; returns their keys. */
    List<SegmentKey> record(String camera, Instant from, Instant to, Duration length, int bytes) {
        CameraId id = CameraId.of(camera);
        List<SegmentKey> keys = new ArrayList<>();
        long seq = from.toEpochMilli() / length.toMillis();
        for (Instant t = from; t.isBefore(to); t = t.plus(length)) {
            keys.add(store.segments().append(id, t, t.plus(length), seq++, content(camera, t, bytes)));
        }
        return keys;
    }

    /** The bytes {@link #record} stored for a segment of this key's camera and start. */
    static byte[] content(CameraId camera, Instant start, int size) {
        return content(camera.value(), start, size);
    }

    /** Deterministic bytes per camera and start, so a read can be checked exactly. */
    static byte[] content(String camera, Instant start, int size) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] out = new byte[size];
            byte[] block = sha.digest((camera + "@" + start).getBytes(StandardCharsets.UTF_8));
            for (int off = 0; off < size; off += block.length) {
                System.arraycopy(block, 0, out, off, Math.min(block.length, size - off));
                block = sha.digest(block);
            }
            return out;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
