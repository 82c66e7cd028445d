package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import io.vigil.config.ConfigLoader;
import io.vigil.gateway.export.ExportWriter;
import io.vigil.gateway.export.KeyFingerprint;
import io.vigil.gateway.grants.Purpose;
import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.media.FootageMap;
import io.vigil.gateway.media.SegmentChecks;
import io.vigil.server.StoreOpener;
import io.vigil.storage.VigilStore;
import io.vigil.storage.keys.Keystore;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import io.vigil.testkit.FragmentedFootage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil export key} and {@code vigil export verify FILE --key KEYFILE} from the command
 * line, on a real export: ffmpeg-made footage stored in a real data directory, exported and
 * signed with the keystore's key by the gateway's export writer.
 */
class ExportVerifyCommandTest {

    @Test
    void verifyPrintsTheFingerprintAndChecksTheExpectedKey(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple");
        String c = cfg.toString();
        assertEquals(0, CliRun.of("keys", "init", "--config", c).exit());

        Path pem = dir.resolve("hospital-export-key.pem");
        CliRun r = CliRun.of("export", "key", "--config", c, "--out", pem.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(pem).startsWith("-----BEGIN PUBLIC KEY-----"));
        KeyPair signer = ledgerKey(cfg);
        String fingerprint = KeyFingerprint.of(signer.getPublic());
        assertTrue(r.out().contains("Fingerprint (SHA-256): " + fingerprint), r.out());
        assertEquals(1, CliRun.of("export", "key", "--config", c, "--out", pem.toString()).exit(), "never overwrites");

        Path zip = export(cfg, dir, signer);
        r = CliRun.of("export", "verify", zip.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("signing key fingerprint (SHA-256): " + fingerprint), r.out());

        r = CliRun.of("export", "verify", zip.toString(), "--key", pem.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("signed by the expected key"), r.out());

        Path other = Files.writeString(dir.resolve("other.pem"),
                KeyFingerprint.pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
        r = CliRun.of("export", "verify", zip.toString(), "--key", other.toString());
        assertEquals(VigilCommand.EXIT_PROBLEM, r.exit(), r.out());
        assertTrue(r.out().contains("EXPORT DOES NOT VERIFY"), r.out());
        assertTrue(r.out().contains("signed by key " + fingerprint + ", not by the expected key"), r.out());

        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello\n");
        r = CliRun.of("export", "verify", zip.toString(), "--key", notAKey.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("not-a-key.pem") && r.err().contains("--key"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
        r = CliRun.of("export", "verify", zip.toString(), "--key", dir.resolve("absent.pem").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("absent.pem: no such key file (--key)"), r.err());
    }

    private static KeyPair ledgerKey(Path cfg) {
        VigilConfig config = ConfigLoader.load(cfg);
        return StoreOpener.withPassphrase(config, pass -> Keystore.open(config.keystore(), pass)).ledgerKeyPair();
    }

    /** A 2 s clip from ffmpeg stored as one segment of cam01, exported with the server's key. */
    private static Path export(Path cfg, Path dir, KeyPair signer) throws Exception {
        Path mp4 = dir.resolve("source.mp4");
        FragmentedFootage.encode(mp4, "testsrc2=size=320x240:rate=25", 2, "-c:v", "libx264", "-g", "50", "-pix_fmt", "yuv420p");
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        VigilConfig config = ConfigLoader.load(cfg);
        Path zip = dir.resolve("export.zip");
        try (VigilStore store = StoreOpener.open(config)) {
            store.segments().append(CameraId.of("cam01"), t0, t0.plusSeconds(2), 1, Files.readAllBytes(mp4));
            FootageMap map = FootageMap.plan(new SegmentChecks(store.segments()), CameraId.of("cam01"), t0, t0.plusSeconds(2));
            ViewingGrant g = new ViewingGrant("g-cli", "alice", List.of(CameraId.of("cam01")), t0, t0.plusSeconds(2), Purpose.CRIME_PREVENTION,
                    "case 2026-118", Instant.now(), Instant.now().plusSeconds(600), 0);
            ExportWriter.Prepared prepared = ExportWriter.prepare(store.segments(), map,
                    new ExportWriter.Request(g, "Entrance", "Test", "Police", io.vigil.gateway.export.ExportBasis.WARRANT, "127.0.0.1"), signer, store.ledger(), Instant.now());
            try (OutputStream out = Files.newOutputStream(zip); var body = prepared.zip()) {
                ByteBuf b;
                while ((b = body.next(ByteBufAllocator.DEFAULT)) != null) {
                    b.readBytes(out, b.readableBytes());
                    b.release();
                }
            }
        }
        return zip;
    }
}
