package io.vigil.gateway.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.gateway.GatewayFixture;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.RecordTable;
import io.vigil.storage.VigilStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic deletion of a closed request's masked copy, while the server runs: two
 * requests' copies released; one request is closed; the gateway's housekeeping, ticked
 * through its own hook on its own thread (the same chores its scheduler runs every minute),
 * deletes that copy's file and its key's record and ledgers the deletion; the open request's
 * copy stays, byte for byte, and a second tick deletes nothing more.
 */
class MaskedCopySweepTest {
    private static final String DELETED = "subject-request.copy-deleted";

    @TempDir
    Path dir;

    @Test
    void aRequestClosedWhileTheServerRunsLosesItsCopyAtTheNextTick() throws Exception {
        try (MaskingFixture m = new MaskingFixture(dir)) {
            GatewayFixture f = m.f;
            String closing = m.releasedCopy("cam-01", 0, 2);
            String open = m.releasedCopy("cam-01", 0, 2);
            String closingSha = status(m, closing).get("released").get("sha256").asText();
            byte[] openCopy = f.getBytes(MaskingFixture.base(open, "cam-01") + "/copy", m.manager).body();
            Path closingFile = keptFile(f, closing), openFile = keptFile(f, open);
            assertTrue(Files.exists(closingFile) && Files.exists(openFile), "both copies kept on disk");

            f.gateway.context().requests().close(closing, "manager", "the requester collected the copy");
            f.gateway.housekeepingTick();

            assertFalse(Files.exists(closingFile), "the closed request's copy is deleted at the next tick");
            assertTrue(meta(f).get(row(closing)).isEmpty(), "and the record holding its wrapped key");
            List<LedgerEntry> deleted = f.store.ledger().search(e -> e.record().type().equals(DELETED), 10);
            assertEquals(1, deleted.size(), deleted.toString());
            var d = deleted.get(0).record();
            assertEquals(closing, d.details().get("request"));
            assertEquals("cam-01", d.details().get("camera"));
            assertEquals(closingSha, d.details().get("sha256"), "names the copy it deleted");
            assertEquals("closed", d.details().get("requestState"));
            assertEquals("housekeeping", d.details().get("noticed"), "noticed by the periodic chore");
            assertEquals("vigil", d.actor(), "deleted by the server, not by a member of staff");

            assertTrue(Files.exists(openFile), "the open request's copy stays");
            assertTrue(meta(f).get(row(open)).isPresent());
            assertArrayEquals(openCopy, f.getBytes(MaskingFixture.base(open, "cam-01") + "/copy", m.manager).body());

            f.gateway.housekeepingTick();
            assertEquals(1, f.store.ledger().search(e -> e.record().type().equals(DELETED), 10).size(), "nothing more to delete");
            assertTrue(Files.exists(openFile));
        }
    }

    private static JsonNode status(MaskingFixture m, String number) throws Exception {
        return GatewayFixture.json(m.f.get(MaskingFixture.base(number, "cam-01"), m.manager));
    }

    /** The kept copy's file, as its record in the store names it. */
    private static Path keptFile(GatewayFixture f, String number) throws Exception {
        String name = GatewayFixture.JSON.readTree(meta(f).get(row(number)).orElseThrow()).get("file").asText();
        return f.store.dataDir().resolve("masking").resolve("released").resolve(name);
    }

    private static RecordTable meta(GatewayFixture f) {
        return f.store.table(VigilStore.META);
    }

    private static String row(String number) {
        return "masking.copy/" + number + "/cam-01";
    }
}
