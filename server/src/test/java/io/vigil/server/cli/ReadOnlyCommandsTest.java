package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.server.StoreOpener;
import io.vigil.storage.VigilStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only commands never write: the data directory and the keystore's folder are
 * compared byte for byte (every file's content and mode, every directory) before and after
 * `ledger verify` (with the keystore, and with the public key alone), `fsck`, `purge --dry-run` and `config check`. Also: the data directory
 * Vigil creates is 0700 and its files 0600.
 */
class ReadOnlyCommandsTest {

    @Test
    void readOnlyCommandsLeaveTheDataDirectoryByteForByteUnchanged(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple");
        String c = cfg.toString();
        assertEquals(0, CliRun.of("keys", "init", "--config", c).exit());
        Path pw = Files.writeString(dir.resolve("alice.pw"), "a long enough password\n");
        assertEquals(0, CliRun.of("user", "add", "alice", "--role", "security-staff", "--password-file", pw.toString(),
                "--config", c).exit());
        VigilConfig config = ConfigLoader.load(cfg);
        // Footage from two days ago and today, so fsck and the purge plan have something to read.
        try (VigilStore store = StoreOpener.open(config)) {
            Instant now = Instant.now();
            for (int i = 0; i < 3; i++) {
                store.segments().append(CameraId.of("cam01"), now.minusSeconds(172_800 + 2L * i), now.minusSeconds(172_798 + 2L * i), i,
                        new byte[1000 + i]);
                store.segments().append(CameraId.of("cam02"), now.minusSeconds(60 + 2L * i), now.minusSeconds(58 + 2L * i), i,
                        new byte[2000 + i]);
            }
        }
        Path data = dir.resolve("data");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
            }
        }

        Path pem = dir.resolve("ledger-key.pem");
        assertEquals(0, CliRun.of("ledger", "public-key", "--config", c, "--out", pem.toString()).exit());
        Map<String, String> before = snapshot(dir);
        for (List<String> command : List.of(
                List.of("ledger", "verify", "--config", c),
                List.of("ledger", "verify", "--public-key", pem.toString(), "--config", c),
                List.of("fsck", "--config", c),
                List.of("purge", "--dry-run", "--config", c),
                List.of("config", "check", c))) {
            CliRun r = CliRun.of(command.toArray(String[]::new));
            assertEquals(0, r.exit(), command + ": " + r.out() + r.err());
            assertEquals(before, snapshot(dir), String.join(" ", command) + " changed the data directory or keystore folder");
        }
    }

    @Test
    void aLooserDataDirectoryIsReported(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple");
        assertEquals(0, CliRun.of("keys", "init", "--config", cfg.toString()).exit());
        try (VigilStore store = StoreOpener.open(ConfigLoader.load(cfg))) {
            List<String> open = io.vigil.storage.db.DataDirModes.looser(store.dataDir());
            assertTrue(open.isEmpty(), open.toString());
        }
        Files.setPosixFilePermissions(dir.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> found = io.vigil.storage.db.DataDirModes.looser(dir.resolve("data"));
        assertEquals(List.of(dir.resolve("data") + " (rwxr-xr-x)"), found);
    }

    /** Every path under {@code dir} with its mode and, for files, the SHA-256 of its content. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                out.put(dir.relativize(p).toString(), mode + (Files.isRegularFile(p)
                        ? " " + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(p)))
                        : ""));
            }
        }
        return out;
    }
}
