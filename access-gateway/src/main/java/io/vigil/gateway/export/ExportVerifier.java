package io.vigil.gateway.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an export offline ({@code vigil export verify FILE}): manifest.sig is a valid
 * Ed25519 signature of manifest.json's exact bytes by the public key the manifest
 * names; when the server's key is given, that it is this key; and that clip.mp4's
 * SHA-256 and size are the manifest's. Every failure is named in the result.
 */
public final class ExportVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportVerifier() {}

    public static VerifyResult verify(Path zip, PublicKey expectedKeyOrNull) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        boolean sigOk = false, keyOk = expectedKeyOrNull == null, hashOk = false;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            byte[] manifestBytes = read(z, ExportFormat.MANIFEST, problems);
            byte[] sigText = read(z, ExportFormat.SIGNATURE, problems);
            ZipEntry clip = z.getEntry(ExportFormat.CLIP);
            if (clip == null) problems.add(ExportFormat.CLIP + " is missing from " + zip.getFileName());
            if (manifestBytes == null) return new VerifyResult(false, false, false, problems, fields);
            JsonNode m;
            try {
                m = JSON.readTree(manifestBytes);
            } catch (IOException e) {
                problems.add(ExportFormat.MANIFEST + " is not valid JSON");
                return new VerifyResult(false, false, false, problems, fields);
            }
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                if (e.getValue().isValueNode()) fields.put(e.getKey(), e.getValue().asText());
            }
            PublicKey key = null;
            try {
                byte[] encoded = Base64.getDecoder().decode(m.path("signer").path("publicKey").asText(""));
                key = KeyFactory.getInstance(ExportFormat.SIGNATURE_ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
            } catch (Exception e) {
                problems.add(ExportFormat.MANIFEST + ": signer.publicKey is not a base64 X.509 Ed25519 public key");
            }
            if (key != null && sigText != null) {
                try {
                    Signature s = Signature.getInstance(ExportFormat.SIGNATURE_ALGORITHM);
                    s.initVerify(key);
                    s.update(manifestBytes);
                    sigOk = s.verify(Base64.getDecoder().decode(new String(sigText, StandardCharsets.US_ASCII).trim()));
                } catch (Exception e) {
                    sigOk = false;
                }
                if (!sigOk) problems.add(ExportFormat.SIGNATURE + " is not a valid signature of " + ExportFormat.MANIFEST + " by the key it names");
            }
            if (expectedKeyOrNull != null) {
                keyOk = key != null && Arrays.equals(key.getEncoded(), expectedKeyOrNull.getEncoded());
                if (!keyOk) problems.add("the manifest was signed by a different key than this server's ledger key");
            }
            if (clip != null) {
                String expected = m.path("clip").path("sha256").asText("");
                long expectedBytes = m.path("clip").path("bytes").asLong(-1);
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (InputStream in = z.getInputStream(clip)) {
                    byte[] buf = new byte[1 << 16];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        d.update(buf, 0, r);
                        n += r;
                    }
                }
                String actual = HexFormat.of().formatHex(d.digest());
                hashOk = actual.equalsIgnoreCase(expected) && n == expectedBytes;
                if (!hashOk) {
                    problems.add(ExportFormat.CLIP + " SHA-256 " + actual + " (" + n + " bytes) differs from the manifest's "
                            + expected + " (" + expectedBytes + " bytes)");
                }
            }
        } catch (IOException e) {
            problems.add(zip.getFileName() + " is not a readable zip file (" + e.getClass().getSimpleName() + ")");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new VerifyResult(sigOk, keyOk, hashOk, List.copyOf(problems), fields);
    }

    private static byte[] read(ZipFile z, String name, List<String> problems) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            problems.add(name + " is missing from the export");
            return null;
        }
        try (InputStream in = z.getInputStream(e)) {
            return in.readNBytes(1 << 20);
        }
    }
}
