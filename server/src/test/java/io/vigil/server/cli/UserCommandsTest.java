package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil user add|list|disable|enable|remove|passwd|cameras} against a real data
 * directory: each change shows in {@code user list}, each is a ledger entry naming the
 * command-line operator, the ledger still verifies, and cameras are only proposed.
 */
class UserCommandsTest {

    @Test
    void accountLifecycleFromTheCommandLineIsLedgered(@TempDir Path dir) throws Exception {
        String c = StoreCommandsTest.writeConfig(dir, "correct horse battery staple").toString();
        assertEquals(0, CliRun.of("keys", "init", "--config", c).exit());
        Path pw = Files.writeString(dir.resolve("pw"), "a long enough password\n");
        CliRun r = CliRun.of("user", "add", "root.admin", "--role", "administrator", "--password-file", pw.toString(), "--config", c);
        assertEquals(0, r.exit(), r.err());
        r = CliRun.of("user", "add", "alice", "--role", "security-staff", "--cameras", "cam01", "--password-file", pw.toString(), "--config", c);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cam01 proposed"), r.out());

        String list = run("user", "list", "--config", c);
        String alice = line(list, "alice");
        assertTrue(alice.contains("security-staff") && alice.contains("active"), list);
        assertTrue(alice.contains("- (proposed: cam01 by cli:"), "the camera waits for an officer: " + list);

        run("user", "disable", "alice", "--config", c);
        assertTrue(line(run("user", "list", "--config", c), "alice").contains("disabled"));
        run("user", "enable", "alice", "--config", c);
        assertTrue(line(run("user", "list", "--config", c), "alice").contains("active"));

        String passwd = run("user", "passwd", "alice", "--config", c);
        String otp = passwd.lines().reduce((a, b) -> b).orElseThrow().trim();
        assertTrue(otp.matches("[A-Za-z2-9]{16}"), passwd);
        assertTrue(line(run("user", "list", "--config", c), "alice").contains("otp"));

        assertTrue(run("user", "cameras", "alice", "--cameras", "none", "--config", c).contains("alice holds no cameras."));
        assertFalse(line(run("user", "list", "--config", c), "alice").contains("proposed"), "proposal withdrawn");

        r = CliRun.of("user", "remove", "root.admin", "--config", c);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("last active administrator"), r.err());
        r = CliRun.of("user", "disable", "nobody", "--config", c);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("There is no user nobody"), r.err());

        run("user", "remove", "alice", "--config", c);
        assertFalse(run("user", "list", "--config", c).contains("alice"));

        Path csv = dir.resolve("ledger.csv");
        run("ledger", "export", "--config", c, "--out", csv.toString());
        String ledger = Files.readString(csv);
        String who = "cli:" + System.getProperty("user.name");
        for (String type : List.of("user.add", "user.cameras.propose", "user.disable", "user.enable", "user.password.reset",
                "user.cameras.withdraw", "user.remove")) {
            assertTrue(ledger.lines().anyMatch(l -> l.contains(type) && l.contains(who) && (type.equals("user.add") || l.contains("alice"))),
                    type + " by " + who + " in\n" + ledger);
        }
        assertFalse(ledger.contains(otp), "the one-time password is never ledgered");
        assertEquals(0, CliRun.of("ledger", "verify", "--config", c).exit());
    }

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.err());
        return r.out();
    }

    private static String line(String out, String user) {
        return out.lines().filter(l -> l.startsWith(user + " ")).findFirst().orElseThrow(() -> new AssertionError(user + " not in\n" + out));
    }
}
