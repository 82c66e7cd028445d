package io.vigil.bench.storage;

import io.vigil.bench.ProcessSampler;
import io.vigil.bench.TeeOutputStream;
import io.vigil.bench.BenchFiles;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.storage.Ledger;
import io.vigil.storage.ledger.LedgerCodec;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.ledger.RocksLedger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Ledger benchmark (docs/benchmarks.md, ledger section):
 * <ol>
 *   <li>synced appends per second with 1 and with 16 concurrent appenders (group commit);</li>
 *   <li>{@code verify()} time over 1,000,000 entries with a signed head every 1,000.</li>
 * </ol>
 * The million entries are bulk-loaded with the ledger's own encoding (unsynced batches, heads
 * signed with the JDK's Ed25519) because loading them through synced appends would only
 * repeat phase 1 for minutes on a shared machine.
 *
 * <p>Run {@code ./bench ledger [SECONDS_PER_APPEND_PHASE] [ENTRIES_TO_VERIFY]} (default 10 and
 * 1,000,000); the results also go to {@code benchmarks/target/ledger-bench.txt}.
 */
public class LedgerBench {
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
    private static PrintStream out = System.out;

    /** Arguments: [seconds per append phase, default 10] [entries to verify, default 1,000,000]. */
    public static void main(String[] args) throws Exception {
        Files.createDirectories(Path.of("target"));
        try (PrintStream file = new PrintStream(Files.newOutputStream(Path.of("target/ledger-bench.txt")), true,
                StandardCharsets.UTF_8)) {
            out = new PrintStream(new TeeOutputStream(System.out, file), true, StandardCharsets.UTF_8);
            run(new String[] {"target/ledger-bench", args.length > 0 ? args[0] : "10", args.length > 1 ? args[1] : "1000000"});
        } finally {
            out = System.out;
        }
    }

    private static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "storage/target/ledger-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int verifyEntries = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        RocksDB.loadLibrary();
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        out.printf("ledger bench: %s, %d s per append phase, %d cores, Java %s, load average %s%n", dir, seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), ProcessSampler.loadAverage());

        BenchFiles.deleteTree(dir);
        keystoreTiming(dir.resolve("keystore"));
        try (Db db = new Db(dir.resolve("appends"))) {
            RocksLedger ledger = new RocksLedger(db.db, db.entries, db.heads, key, Clock.systemUTC());
            appendPhase(ledger, 1, Math.max(2, seconds / 2));
            appendPhase(ledger, 16, seconds);
            LedgerVerification check = ledger.verify();
            out.printf("  chain after append phases: %d entries, %d signed heads, ok=%s%n",
                    check.entries(), check.signedHeads(), check.ok());
        }

        try (Db db = new Db(dir.resolve("verify"))) {
            long start = System.nanoTime();
            bulkLoad(db, key, verifyEntries);
            out.printf("bulk load of %,d entries: %.1f s%n", verifyEntries, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            db.db.compactRange(db.entries);
            out.printf("compaction: %.1f s%n", (System.nanoTime() - start) / 1e9);
            RocksLedger ledger = new RocksLedger(db.db, db.entries, db.heads, key, Clock.systemUTC());
            for (int run = 1; run <= 2; run++) {
                start = System.nanoTime();
                long cpu = ProcessSampler.processCpuNanos();
                long[] scanned = scanOnly(db);
                double elapsed = (System.nanoTime() - start) / 1e9;
                out.printf("read floor, run %d: iterating %,d rows (%,d MB) without checking, one thread: %.2f s "
                        + "(process CPU %.2f s)%n", run, scanned[0], scanned[1] >> 20, elapsed,
                        (ProcessSampler.processCpuNanos() - cpu) / 1e9);
            }
            for (int run = 1; run <= 3; run++) {
                start = System.nanoTime();
                long cpu = ProcessSampler.processCpuNanos();
                LedgerVerification result = ledger.verify();
                double elapsed = (System.nanoTime() - start) / 1e9;
                out.printf("verify run %d: %,d entries, %,d signed heads, ok=%s, %.2f s (%,.0f entries/s; process CPU "
                        + "%.2f s)%n", run, result.entries(), result.signedHeads(), result.ok(), elapsed,
                        result.entries() / elapsed, (ProcessSampler.processCpuNanos() - cpu) / 1e9);
                if (!result.ok()) {
                    out.println("  problem: " + result.problem());
                }
            }
        }
        out.printf("load average at the end: %s%n", ProcessSampler.loadAverage());
        BenchFiles.deleteTree(dir);
    }

    private static void appendPhase(Ledger ledger, int threads, int seconds) throws InterruptedException {
        // Warm-up so the JIT and RocksDB settle, then the measured window.
        run(ledger, threads, 2);
        long[][] latencies = new long[threads][];
        long start = System.nanoTime();
        long count = run(ledger, threads, seconds, latencies);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        out.printf("%2d appenders: %,d synced appends in %.1f s = %,.0f appends/s; latency p50 %.2f ms, "
                        + "p99 %.2f ms%n", threads, count, elapsed, count / elapsed,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }

    private static long run(Ledger ledger, int threads, int seconds) throws InterruptedException {
        return run(ledger, threads, seconds, new long[threads][]);
    }

    private static long run(Ledger ledger, int threads, int seconds, long[][] latencies) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        long[] counts = new long[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (!stop.get()) {
                    long before = System.nanoTime();
                    ledger.append(record(thread * 1_000_000_000L + n));
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - before;
                }
                counts[thread] = n;
                latencies[thread] = Arrays.copyOf(mine, n);
                done.countDown();
            }, "appender-" + t);
            worker.start();
        }
        Thread.sleep(seconds * 1000L); // the measured window, not synchronisation
        stop.set(true);
        done.await();
        return Arrays.stream(counts).sum();
    }

    static LedgerRecord record(long i) {
        return new LedgerRecord("view.start", T0.plusMillis(i), "staff-" + (i % 40), "cam-" + (i % 16),
                T0.minusSeconds(3600), T0.minusSeconds(1800), "incident review: theft reported at ward " + (i % 9),
                null, "video policy Art. 5", "viewing", null,
                Map.of("client", "10.20.0." + (i % 250), "grant", "g-" + i, "result", "granted"));
    }

    private static void bulkLoad(Db db, KeyPair key, int entries) throws Exception {
        byte[] previous = LedgerCodec.genesisHash();
        Signature signer = Signature.getInstance("Ed25519");
        byte[] publicKey = Arrays.copyOfRange(key.getPublic().getEncoded(), 12, 44);
        try (WriteOptions unsynced = new WriteOptions()) {
            WriteBatch batch = new WriteBatch();
            for (long n = 1; n <= entries; n++) {
                byte[] recordBytes = LedgerCodec.encodeRecord(record(n));
                byte[] hash = LedgerCodec.entryHash(n, previous, recordBytes);
                batch.put(db.entries, LedgerCodec.numberKey(n), LedgerCodec.encodeEntryRow(n, previous, hash, recordBytes));
                if (n % 1000 == 0 || n == entries) {
                    Instant time = T0.plusMillis(n);
                    signer.initSign(key.getPrivate());
                    signer.update(LedgerCodec.headSignedBytes(n, hash, time));
                    Ledger.SignedHead head = new Ledger.SignedHead(n, hash, time, signer.sign(), publicKey);
                    batch.put(db.heads, LedgerCodec.numberKey(n), LedgerCodec.encodeHeadRow(head));
                    db.db.write(unsynced, batch);
                    batch.close();
                    batch = new WriteBatch();
                }
                previous = hash;
            }
            batch.close();
        }
        db.db.flushWal(true);
    }

    /** Argon2id at the default cost: what `vigil keys init` and every server start pay. */
    private static void keystoreTiming(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench.keystore");
        char[] passphrase = "benchmark passphrase".toCharArray();
        long start = System.nanoTime();
        Keystore.create(file, passphrase);
        double create = (System.nanoTime() - start) / 1e9;
        StringBuilder opens = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            start = System.nanoTime();
            long cpu = ProcessSampler.processCpuNanos();
            Keystore.open(file, passphrase);
            opens.append(String.format(" %.2f (CPU %.2f)", (System.nanoTime() - start) / 1e9,
                    (ProcessSampler.processCpuNanos() - cpu) / 1e9));
        }
        out.printf("keystore, Argon2id %s: create %.2f s (cold JVM), open%s s%n", KdfParameters.DEFAULT, create, opens);
    }

    /** Reads every entry row the way the verifier does, but checks nothing: the RocksDB floor. */
    private static long[] scanOnly(Db db) {
        long rows = 0;
        long bytes = 0;
        java.nio.ByteBuffer key = java.nio.ByteBuffer.allocateDirect(16);
        java.nio.ByteBuffer value = java.nio.ByteBuffer.allocateDirect(64 * 1024);
        try (org.rocksdb.ReadOptions options = new org.rocksdb.ReadOptions().setReadaheadSize(4 << 20).setFillCache(false);
             org.rocksdb.RocksIterator it = db.db.newIterator(db.entries, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                key.clear();
                value.clear();
                it.key(key);
                bytes += it.value(value);
                rows++;
            }
        }
        return new long[] {rows, bytes};
    }

    /** A RocksDB with the ledger's two column families. */
    private static final class Db implements AutoCloseable {
        final RocksDB db;
        final ColumnFamilyHandle entries;
        final ColumnFamilyHandle heads;
        private final List<ColumnFamilyHandle> handles = new ArrayList<>();
        private final DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        private final ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();

        Db(Path dir) throws Exception {
            Files.createDirectories(dir);
            db = RocksDB.open(options, dir.toString(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                    new ColumnFamilyDescriptor("ledger".getBytes(StandardCharsets.UTF_8), cfOptions),
                    new ColumnFamilyDescriptor("ledger_heads".getBytes(StandardCharsets.UTF_8), cfOptions)), handles);
            entries = handles.get(1);
            heads = handles.get(2);
        }

        @Override
        public void close() {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            options.close();
            cfOptions.close();
        }
    }

    static {
        // Fail early with a clear message if the JDK lacks Ed25519 (it is in Java 15+).
        try {
            KeyPairGenerator.getInstance("Ed25519");
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError("this JDK has no Ed25519: " + e.getMessage());
        }
    }
}
