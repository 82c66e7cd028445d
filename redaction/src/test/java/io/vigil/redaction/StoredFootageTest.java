package io.vigil.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the real encrypted store to a released copy: segments read and decrypted through
 * the storage API one at a time, masked, the manifest signed with the store's Ed25519
 * ledger key and checkable with its public key; a tampered stored segment is refused by
 * name and nothing is released.
 */
class StoredFootageTest {
    static final char[] PASS = "correct horse battery staple".toCharArray();
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private VigilStore open() {
        return VigilStores.open(new StoreOptions(dir.resolve("data"), dir.resolve("vigil.keystore"), PASS.clone(),
                Clock.systemUTC(), new SimpleMeterRegistry()));
    }

    @Test
    void masksStoredFootageAndSignsTheRelease() throws Exception {
        Keystore.create(dir.resolve("vigil.keystore"), PASS.clone(), new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        try (SyntheticClip clip = new SyntheticClip(640, 360, 25, 5); VigilStore store = open()) {
            clip.add(FacePhotos.head(18, 70), f -> new int[] {250 + f, 80});
            clip.add(FacePhotos.head(5, 40), f -> new int[] {40 + 4 * f, 250});
            List<SourceSegment> segs = clip.segments("cam-03", T0, 20, 10);
            long seq = 0;
            for (SourceSegment s : segs) store.segments().append(CameraId.of("cam-03"), s.start(), s.end(), seq++, s.fmp4());
            RedactionRequest req = new RedactionRequest("SR-2026-7", CameraId.of("cam-03"), T0, T0.plusSeconds(1),
                    List.of(new RequesterMark(T0, clip.patchBox(0, 0))), RedactionSettings.defaults());
            Redactor redactor = new Redactor(dir.resolve("work"), new Ed25519ManifestSigner(store.ledgerKeyPair().orElseThrow()));
            try (RedactionResult res = redactor.redact(req, new StoredSegmentSource(store.segments(), CameraId.of("cam-03"), req.from(), req.to()),
                    ReviewEdits.none())) {
                assertEquals(20, res.frames());
                assertEquals(2, res.sourceSegments().size());
                for (int i = 0; i < 2; i++) {
                    assertEquals(FaceModel.sha256Hex(segs.get(i).fmp4()), res.sourceSegments().get(i).sha256());
                }
                ReleaseManifest m = redactor.release(res, "officer-kim", T0.plusSeconds(3600));
                assertTrue(m.body().contains("\"sha256\": \"" + res.outputSha256() + "\""), m.body());
                assertTrue(m.body().contains("\"sha256\": \"" + FaceModel.SHA256 + "\""), m.body());
                assertTrue(m.body().contains("\"reviewer\": \"officer-kim\""), m.body());
                assertTrue(m.json().contains("\"algorithm\": \"Ed25519\""), m.json());
                PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(
                        new X509EncodedKeySpec(store.ledgerKeyPair().orElseThrow().getPublic().getEncoded()));
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(pub);
                v.update(m.body().getBytes(StandardCharsets.UTF_8));
                assertTrue(v.verify(m.signature()), "the manifest's signature checks with the ledger's public key");
                v.initVerify(pub);
                v.update(m.body().replace("officer-kim", "officer-lee").getBytes(StandardCharsets.UTF_8));
                assertTrue(!v.verify(m.signature()), "a changed manifest does not check");
                assertEquals(HexFormat.of().formatHex(store.ledgerKeyPair().orElseThrow().getPublic().getEncoded()).substring(24),
                        HexFormat.of().formatHex(m.publicKey()));
            }
            try (Stream<Path> left = Files.list(dir.resolve("work"))) {
                assertEquals(List.of(), left.toList(), "the temporary file is deleted when the result is closed");
            }

            // A stored file altered on disk: refused by name.
            SegmentInfo second = store.segments().list(CameraId.of("cam-03"), T0, T0.plusSeconds(1)).get(1);
            Path file;
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                file = files.filter(p -> p.getFileName().toString().startsWith(second.key().startMillis() + "-")).findFirst().orElseThrow();
            }
            byte[] b = Files.readAllBytes(file);
            b[b.length / 2] ^= 1;
            Files.write(file, b);
            RedactionException e = assertThrows(RedactionException.class, () -> redactor.redact(req,
                    new StoredSegmentSource(store.segments(), CameraId.of("cam-03"), req.from(), req.to()), ReviewEdits.none()));
            assertTrue(e.getMessage().startsWith("stored segment " + second.key() + " of camera cam-03 cannot be read"), e.getMessage());
        }
    }
}
