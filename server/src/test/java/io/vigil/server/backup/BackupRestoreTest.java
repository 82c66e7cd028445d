package io.vigil.server.backup;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.StoreOpener;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerHeadText;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.Keystore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore as docs/backup.md describes it, with real files: Vigil records a
 * simulated camera, stops cleanly, and the data directory, the keystore and the head copy
 * beside it are copied away. Restored into a fresh directory (other paths, same
 * passphrase), the footage decrypts and ffprobe decodes its frames, and the ledger verifies.
 * Restored without the keystore, the store does not open (footage unreadable by design), yet
 * every ledger entry is readable and the chain and signed heads verify with the public key
 * alone, taken from the head line the operator kept; a wrong key fails.
 */
class BackupRestoreTest {
    private static final String PASS = "backup test passphrase";

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aStoppedBackupRestoresElsewhereAndItsLedgerVerifiesEvenWithoutTheKeystore(@TempDir Path dir) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("pass"), PASS + "\n");
        String headLine;
        long entries;
        int segments;
        try (CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 1, CameraSimulator.Mode.LIVE,
                new SimSettings(320, 240, 10, 10, 300_000, false), Clock.systemUTC())) {
            VigilConfig config = ConfigLoader.load(config(site.resolve("vigil.yaml"), "data", "keys/keystore.vks", sim.url(sim.cameraIds().get(0))));
            Files.createDirectories(config.keystore().getParent());
            Keystore.create(config.keystore(), PASS.toCharArray());
            try (VigilServer server = VigilServer.start(config)) {
                Instant deadline = Instant.now().plusSeconds(90);
                while (recorded(server.store()).size() < 3) {
                    assertTrue(Instant.now().isBefore(deadline), "the camera records 3 segments within 90 s");
                    TimeUnit.MILLISECONDS.sleep(200); // polling interval; the condition decides
                }
            }
            // Stopped: the clean stop signed a head and copied it beside the keystore.
            try (VigilStore store = StoreOpener.openReadOnly(config)) {
                Ledger.SignedHead head = store.ledger().latestSignedHead().orElseThrow();
                headLine = LedgerHeadText.format(head); // what the operator keeps away from the server
                entries = store.ledger().size();
                segments = recorded(store).size();
            }
            assertTrue(Files.exists(site.resolve("keys/keystore.vks.ledger-head")), "the head copy beside the keystore");
        }

        // The backup: the data directory, the keystore and its head copy, taken while Vigil is stopped.
        Path backup = dir.resolve("backup");
        copyTree(site.resolve("data"), backup.resolve("data"));
        copyTree(site.resolve("keys"), backup.resolve("keys"));

        // Restored into a fresh directory with other paths.
        Path fresh = Files.createDirectories(dir.resolve("restored"));
        copyTree(backup.resolve("data"), fresh.resolve("vigil-data"));
        copyTree(backup.resolve("keys"), fresh.resolve("secrets"));
        Files.move(fresh.resolve("secrets/keystore.vks.ledger-head"), fresh.resolve("secrets/restored.vks.ledger-head"));
        Files.move(fresh.resolve("secrets/keystore.vks"), fresh.resolve("secrets/restored.vks"));
        VigilConfig restored = ConfigLoader.load(config(fresh.resolve("vigil.yaml"), "vigil-data", "secrets/restored.vks", "rtsp://127.0.0.1:1/gone"));
        try (VigilStore store = StoreOpener.openReadOnly(restored)) {
            LedgerVerification v = store.ledger().verify();
            assertTrue(v.ok(), v.toString());
            assertEquals(entries, v.entries());
            List<SegmentInfo> infos = recorded(store);
            assertEquals(segments, infos.size(), "every segment came back");
            Path mp4 = fresh.resolve("first.mp4");
            Files.write(mp4, store.segments().read(infos.get(infos.size() - 1).key()));
            int frames = ffprobeFrames(mp4);
            assertTrue(frames > 0, "the restored footage decodes: " + frames + " frames");
        }

        // The keystore is lost: the footage cannot be read, the ledger still can and verifies with the public key alone.
        Path orphan = Files.createDirectories(dir.resolve("no-keystore"));
        copyTree(backup.resolve("data"), orphan.resolve("data"));
        VigilConfig keyless = ConfigLoader.load(config(orphan.resolve("vigil.yaml"), "data", "gone/keystore.vks", "rtsp://127.0.0.1:1/gone"));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> StoreOpener.openReadOnly(keyless).close());
        assertTrue(String.valueOf(refused.getMessage()).contains("keystore"), refused.toString());
        byte[] publicKey = LedgerHeadText.parse(headLine).publicKey();
        LedgerVerification alone = VigilStores.verifyLedgerWithPublicKey(orphan.resolve("data"), publicKey);
        assertTrue(alone.ok(), alone.toString());
        assertEquals(entries, alone.entries());
        assertTrue(alone.signedHeads() >= 1, alone.toString());
        List<LedgerEntry> all = VigilStores.readLedgerWithoutKeystore(orphan.resolve("data"));
        assertEquals(entries, all.size());
        assertTrue(all.stream().anyMatch(e -> e.record().type().equals("vigil.stop")), "the clean stop is in the ledger");
        // Another valid key (a flipped bit of this one is not always a point of the curve: then no key at all).
        byte[] other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] wrong = java.util.Arrays.copyOfRange(other, other.length - 32, other.length);
        assertFalse(VigilStores.verifyLedgerWithPublicKey(orphan.resolve("data"), wrong).ok(), "a head signed by another key is refused");
    }

    private static Path config(Path file, String dataDir, String keystore, String url) throws IOException {
        return Files.writeString(file, """
                dataDir: %s
                keystore: {path: %s, passphrase: "file:../pass"}
                segmentDuration: 1s
                listen: {https: "127.0.0.1:0"}
                cameras:
                  - {id: entrance, name: Entrance, location: Main door, url: "%s"}
                """.formatted(dataDir, keystore, url));
    }

    private static List<SegmentInfo> recorded(VigilStore store) {
        return store.segments().list(CameraId.of("entrance"), Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int ffprobeFrames(Path mp4) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", mp4.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return Integer.parseInt(out.split("\\R")[0].replace(",", "").trim());
    }
}
