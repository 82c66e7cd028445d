package io.vigil.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilStoresTest {
    static final char[] PASS = "correct horse battery staple".toCharArray();

    @TempDir Path dir;

    private StoreOptions options(char[] pass) {
        return new StoreOptions(dir.resolve("data"), dir.resolve("vigil.keystore"), pass, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    static Keystore createKeystore(Path file) {
        return Keystore.create(file, PASS, new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
    }

    @Test
    void openStoresAndReadsBackAcrossReopen() {
        createKeystore(dir.resolve("vigil.keystore"));
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        SegmentKey k;
        try (VigilStore s = VigilStores.open(options(PASS))) {
            assertTrue(s.maintenance().startupReconcile().clean());
            k = s.segments().append(CameraId.of("cam-01"), t, t.plusSeconds(2), 1, "hello".getBytes(StandardCharsets.UTF_8));
            s.table(VigilStore.ACCOUNTS).put("alice", new byte[] {1});
        }
        try (VigilStore s = VigilStores.open(options(PASS))) {
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), s.segments().read(k));
            assertArrayEquals(new byte[] {1}, s.table(VigilStore.ACCOUNTS).get("alice").orElseThrow());
            assertTrue(s.fsck(false).clean());
            s.segments().eraseCameraDay(CameraId.of("cam-01"), java.time.LocalDate.parse("2026-11-20"));
            var destroyed = s.ledger().search(e -> e.record().type().equals("key.destroyed"), 10);
            org.junit.jupiter.api.Assertions.assertEquals(1, destroyed.size());
            org.junit.jupiter.api.Assertions.assertEquals("day:cam-01/2026-11-20", destroyed.get(0).record().details().get("keys"));
            org.junit.jupiter.api.Assertions.assertEquals("cam-01", destroyed.get(0).record().cameraIds());
        }
    }

    @Test
    void startupReconcileRemovesCrashDebrisAndWritesALedgerEntryPerRepair() throws Exception {
        createKeystore(dir.resolve("vigil.keystore"));
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        SegmentKey k;
        try (VigilStore s = VigilStores.open(options(PASS))) {
            k = s.segments().append(CameraId.of("cam-01"), t, t.plusSeconds(2), 1, new byte[100]);
        }
        Path debris = dir.resolve("data/segments/cam-01/2026-11-20/" + t.toEpochMilli() + "-2.vseg.q1.tmp");
        java.nio.file.Files.write(debris, new byte[10]);
        try (VigilStore s = VigilStores.open(options(PASS))) {
            assertFalse(java.nio.file.Files.exists(debris));
            org.junit.jupiter.api.Assertions.assertEquals(1, s.maintenance().startupReconcile().problems().size());
            var entries = s.ledger().search(e -> e.record().type().equals("fsck.repair"), 10);
            org.junit.jupiter.api.Assertions.assertEquals(1, entries.size());
            assertTrue(entries.get(0).record().details().get("where").endsWith(".tmp"));
            org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[100], s.segments().read(k));
            assertTrue(s.ledger().verify().ok());
        }
    }

    @Test
    void keystoreOfAnotherInstallationIsRefusedAtOpen() {
        createKeystore(dir.resolve("vigil.keystore"));
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        try (VigilStore s = VigilStores.open(options(PASS))) {
            s.segments().append(CameraId.of("cam-01"), t, t.plusSeconds(2), 1, new byte[10]);
        }
        Path other = dir.resolve("other.keystore");
        createKeystore(other);
        StoreOptions withOther = new StoreOptions(dir.resolve("data"), other, PASS, Clock.systemUTC(), new SimpleMeterRegistry());
        StorageException e = assertThrows(StorageException.class, () -> VigilStores.open(withOther));
        assertTrue(e.getMessage().contains("does not match the data directory"), e.getMessage());
        try (VigilStore s = VigilStores.open(options(PASS))) {
            assertTrue(s.fsck(false).clean(), "refusing the wrong keystore changed nothing");
        }
    }

    @Test
    void missingKeystoreAndWrongPassphraseGiveClearMessages() {
        StorageException missing = assertThrows(StorageException.class, () -> VigilStores.open(options(PASS)));
        assertTrue(missing.getMessage().contains("vigil.keystore"), missing.getMessage());
        createKeystore(dir.resolve("vigil.keystore"));
        StorageException wrong = assertThrows(StorageException.class,
                () -> VigilStores.open(options("wrong passphrase!!".toCharArray())));
        assertTrue(wrong.getMessage().contains("passphrase"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("correct horse"));
    }
}
