package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.export.ExportVerifier;
import io.vigil.gateway.export.VerifyResult;
import io.vigil.storage.LedgerEntry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export zip: clip plays, manifest is signed by the ledger key, ExportVerifier catches tampering. */
class ExportTest extends SharedGatewayTest {
    Path zip;
    String grant;

    @BeforeAll
    void export() throws Exception {
        Login staff = f.login("staff");
        grant = f.grant(staff, "cam-01");
        HttpResponse<byte[]> r = f.http.send(HttpRequest.newBuilder(f.uri("/api/v1/grants/" + grant + "/export?camera=cam-01"))
                .header("Cookie", staff.cookie()).header("X-CSRF-Token", staff.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"recipient\":\"Police station 3, case 2026-118\",\"legalBasis\":\"pipa-18-2-2\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
        zip = dir.resolve("export.zip");
        Files.write(zip, r.body());
    }

    @Test
    void exportVerifiesAndItsClipPlays() throws Exception {
        VerifyResult v = ExportVerifier.verify(zip, f.ledgerKey.getPublic());
        assertTrue(v.ok(), v.problems().toString());
        assertEquals("cam-01", v.manifest().get("camera"));
        assertEquals("staff", v.manifest().get("viewer"));
        assertEquals("crime-prevention", v.manifest().get("purpose"));
        assertEquals(grant, v.manifest().get("grantId"));
        assertEquals("Test Clinic", v.manifest().get("site"));
        Path clip = dir.resolve("clip.mp4");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals("clip.mp4")) Files.write(clip, in.readAllBytes());
            }
        }
        assertEquals(TestFootage.SEGMENTS * TestFootage.FRAMES_PER_SEGMENT, TestFootage.ffprobeFrameCount(clip));
        List<LedgerEntry> exports = f.store.ledger().search(e -> e.record().type().equals("export"), 10);
        assertEquals(1, exports.size());
        assertEquals("Police station 3, case 2026-118", exports.get(0).record().recipient());
        assertEquals("PIPA Art. 18(2) 2 (a special provision of another law)", exports.get(0).record().legalBasis());
        assertEquals("pipa-18-2-2", exports.get(0).record().details().get("legalBasis"));
        assertEquals(exports.get(0).record().legalBasis(), v.manifest().get("legalBasis"), "the signed manifest names the basis too");
        assertEquals(v.manifest().get("ledgerEntry"), Long.toString(exports.get(0).number()));
    }

    @Test
    void officerSeesTheExportInTheLedgerSearchAndCsv() throws Exception {
        Login officer = f.login("officer");
        var search = GatewayFixture.json(f.get("/api/v1/ledger?action=export&camera=cam-01&viewer=staff", officer));
        assertTrue(search.get("verified").asBoolean(), search.toString());
        assertEquals(1, search.get("entries").size(), search.toString());
        var entry = search.get("entries").get(0);
        assertEquals("export", entry.get("type").asText());
        assertEquals(GatewayFixture.T0.toString(), entry.get("footageFrom").asText());
        assertTrue(entry.get("purpose").asText().startsWith("crime-prevention"));
        assertEquals(0, GatewayFixture.json(f.get("/api/v1/ledger?action=export&purpose=fire-prevention", officer)).get("entries").size());
        assertEquals(0, GatewayFixture.json(f.get("/api/v1/ledger?action=export&footageFrom=" + GatewayFixture.T0.plusSeconds(3600), officer))
                .get("entries").size());

        HttpResponse<String> csv = f.get("/api/v1/ledger.csv", officer);
        assertEquals(200, csv.statusCode());
        List<String> lines = csv.body().lines().toList();
        assertEquals(String.join(",", io.vigil.storage.LedgerCsv.COLUMNS), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",export,") && l.contains("Police station 3")), csv.body());
        int head = lines.indexOf(String.join(",", io.vigil.storage.LedgerCsv.HEAD_COLUMNS));
        assertTrue(head > 0, "signed head table present");
        long size = Long.parseLong(lines.get(head + 1).split(",")[0]);
        assertEquals(size, lines.subList(1, head - 1).size(), "every entry up to the signed head is in the file");
        assertTrue(f.store.ledger().search(e -> e.record().type().equals("ledger.export"), 10).size() >= 1);
    }

    /** The legal basis is required, one of the dialog's choices; the hospital's own use is no ground for a clip given away. */
    @Test
    void anExportWithoutALegalBasisIsRefusedNamingTheField() throws Exception {
        Login staff = f.login("staff");
        String g = f.grant(staff, "cam-01");
        long before = f.store.ledger().search(e -> e.record().type().equals("export"), 100).size();
        for (String body : List.of("", "{\"recipient\":\"Police station 3\"}", "{\"legalBasis\":\"because\"}",
                "{\"recipient\":\"Police station 3\",\"legalBasis\":\"internal\"}")) {
            HttpResponse<String> r = f.post("/api/v1/grants/" + g + "/export?camera=cam-01", body, staff);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(r.body().contains("legalBasis"), r.body());
        }
        assertEquals(before, f.store.ledger().search(e -> e.record().type().equals("export"), 100).size(), "nothing exported, nothing ledgered");
    }

    @Test
    void otherServersKeyIsNamed() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        VerifyResult v = ExportVerifier.verify(zip, otherKey);
        assertFalse(v.ok());
        assertTrue(v.signatureValid());
        assertFalse(v.keyMatches());
    }

    @Test
    void alteredClipOrManifestIsDetected() throws Exception {
        Path badClip = copyWith("bad-clip.zip", "clip.mp4", data -> {
            data[data.length / 2] ^= 1;
            return data;
        });
        VerifyResult v1 = ExportVerifier.verify(badClip, f.ledgerKey.getPublic());
        assertFalse(v1.clipHashMatches());
        assertTrue(v1.signatureValid());
        assertTrue(v1.problems().get(0).contains("clip.mp4"), v1.problems().toString());

        Path badManifest = copyWith("bad-manifest.zip", "manifest.json", data ->
                new String(data).replace("\"viewer\" : \"staff\"", "\"viewer\" : \"nobody\"").getBytes());
        VerifyResult v2 = ExportVerifier.verify(badManifest, null);
        assertFalse(v2.signatureValid());
        assertTrue(v2.problems().get(0).contains("manifest.sig"), v2.problems().toString());
        assertEquals("nobody", v2.manifest().get("viewer"), "the edit took effect, so the check is meaningful");
    }

    private Path copyWith(String name, String entry, java.util.function.UnaryOperator<byte[]> change) throws Exception {
        Path copy = dir.resolve(name);
        Files.copy(zip, copy);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), Map.of())) {
            Path p = fs.getPath(entry);
            byte[] data;
            try (InputStream in = Files.newInputStream(p)) {
                data = in.readAllBytes();
            }
            try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(change.apply(data));
            }
        }
        return copy;
    }
}
