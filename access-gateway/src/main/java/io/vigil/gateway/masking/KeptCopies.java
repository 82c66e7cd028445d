package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.redaction.RedactionException;
import io.vigil.redaction.ReleaseManifest;
import io.vigil.redaction.SealedFile;
import io.vigil.storage.RecordTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Released masked copies kept across a restart until their request closes: the sealed MP4 in
 * {@code <dataDir>/masking/released}, and a row in the store's {@code meta} table (sealed with
 * the keystore's MAC, so an inserted or edited row is refused) holding the file's AES key
 * wrapped by a key-encryption key derived from the keystore's secret, never written anywhere,
 * with the copy's facts and signed manifest. Why that key and not the master key that wraps
 * day keys: the master key is rotated and then retired once every day key is re-wrapped, a
 * rotation that knows nothing of masked copies; the keystore's ledger secret lasts as long as
 * the keystore, as the record MACs that already derive from it. Without the keystore the
 * files are noise. On reopen the copy's SHA-256 is checked against the row (CTR is not
 * authenticated on its own).
 */
final class KeptCopies {
    private static final Logger log = LoggerFactory.getLogger(KeptCopies.class);
    private static final String PREFIX = "masking.copy/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A kept copy read back at start: which request and camera it belongs to. */
    record Restored(String number, CameraId camera, ReleasedCopy copy) {}

    private final RecordTable table;
    private final Path dir;
    private final SecretKey kek;

    KeptCopies(RecordTable table, Path workDir, KeyPair keystoreKey) {
        this.table = table;
        this.dir = workDir.resolve("released");
        this.kek = deriveKek(keystoreKey.getPrivate().getEncoded());
    }

    /** Moves the copy's file out of the temporary files and records its wrapped key and facts (synced). */
    void keep(String number, CameraId camera, ReleasedCopy c) {
        c.output().moveTo(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("camera", camera.value());
        m.put("file", c.output().path().getFileName().toString());
        m.put("bytes", c.output().size());
        m.put("key", Base64.getEncoder().encodeToString(c.output().wrapKey(kek, aad(number, camera, c.output().path()))));
        m.put("sha256", c.sha256());
        m.put("frames", c.frames());
        m.put("durationMillis", c.durationMillis());
        m.put("by", c.by());
        m.put("at", c.at().toString());
        ReleaseManifest mf = c.manifest();
        m.put("manifest.body", mf.body());
        m.put("manifest.json", mf.json());
        m.put("manifest.algorithm", mf.algorithm());
        m.put("manifest.signature", Base64.getEncoder().encodeToString(mf.signature()));
        m.put("manifest.publicKey", Base64.getEncoder().encodeToString(mf.publicKey()));
        try {
            table.put(key(number, camera), JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new IllegalStateException("cannot record the kept masked copy of " + number + " camera " + camera, e);
        }
    }

    /** Forgets the copy of a request's camera (its file is deleted by the caller, closing it). */
    void forget(String number, CameraId camera) {
        table.delete(key(number, camera));
    }

    /**
     * Every kept copy, reopened. A row whose file is missing, cut short, altered, or whose key
     * does not unwrap is dropped with its file and logged: that copy is gone, the footage is
     * not (staff mask and release again).
     */
    List<Restored> restore() {
        List<Restored> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : table.scan(PREFIX)) {
            try {
                out.add(read(JSON.readTree(new String(e.getValue(), StandardCharsets.UTF_8))));
            } catch (IOException | RuntimeException ex) {
                log.warn("the kept masked copy {} cannot be read back and is dropped (mask and release it again): {}", e.getKey(), ex.getMessage());
                table.delete(e.getKey());
            }
        }
        deleteUnrecorded(out);
        return out;
    }

    private Restored read(JsonNode n) {
        String number = n.get("number").asText();
        CameraId camera = CameraId.of(n.get("camera").asText()); // a row read back: checked here (a bad one is dropped)
        Path file = dir.resolve(n.get("file").asText()).normalize();
        if (!file.getParent().equals(dir.normalize())) throw new RedactionException("kept copy path outside " + dir + ": " + file);
        SealedFile f = SealedFile.reopen(file, n.get("bytes").asLong(), Base64.getDecoder().decode(n.get("key").asText()), kek,
                aad(number, camera, file));
        String sha = n.get("sha256").asText();
        if (!f.sha256Hex().equals(sha)) {
            f.close();
            throw new RedactionException("the masked copy " + file + " does not match its recorded SHA-256 (altered on disk)");
        }
        ReleaseManifest mf = new ReleaseManifest(n.get("manifest.body").asText(),
                Base64.getDecoder().decode(n.get("manifest.signature").asText()), n.get("manifest.algorithm").asText(),
                Base64.getDecoder().decode(n.get("manifest.publicKey").asText()), n.get("manifest.json").asText());
        return new Restored(number, camera, new ReleasedCopy(f, sha, n.get("frames").asLong(), n.get("durationMillis").asLong(), mf,
                n.get("by").asText(), Instant.parse(n.get("at").asText())));
    }

    /** Files in the kept directory that no row names (a release cut short by a crash): unreadable noise, deleted. */
    private void deleteUnrecorded(List<Restored> kept) {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                boolean named = kept.stream().anyMatch(r -> r.copy().output().path().getFileName().equals(p.getFileName()));
                if (!named) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("cannot tidy {}: {}", dir, e.getMessage());
        }
    }

    private static String key(String number, CameraId camera) {
        return PREFIX + number + "/" + camera.value();
    }

    private static byte[] aad(String number, CameraId camera, Path file) {
        return ("vigil-masked-copy-v1\n" + number + "\n" + camera.value() + "\n" + file.getFileName()).getBytes(StandardCharsets.UTF_8);
    }

    private static SecretKey deriveKek(byte[] keystoreSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keystoreSecret, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("vigil-masked-copy-kek-v1".getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
