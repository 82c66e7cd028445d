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
import io.vigil.storage.Reason;
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
 * Checks an export offline ({@code vigil export verify FILE [--key KEY]}): manifest.sig is
 * a valid Ed25519 signature of manifest.json's exact bytes by the public key the manifest
 * names; when the expected key is given, that it is this key; and that every clip's
 * SHA-256 and size are the manifest's. Every failure is named in the result, with the
 * signing key's fingerprint so a recipient can tell whose key signed.
 */
public final class ExportVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportVerifier() {}

    public static VerifyResult verify(Path zip, PublicKey expectedKeyOrNull) {
        List<Reason> problems = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        List<Reason> footage = new ArrayList<>();
        boolean sigOk = false, keyOk = expectedKeyOrNull == null, hashOk = false;
        String fingerprint = "";
        try (ZipFile z = new ZipFile(zip.toFile())) {
            byte[] manifestBytes = read(z, ExportFormat.MANIFEST, problems);
            byte[] sigText = read(z, ExportFormat.SIGNATURE, problems);
            JsonNode m = manifestBytes == null ? null : parse(manifestBytes, problems);
            if (m == null) return new VerifyResult(false, false, false, "", problems, fields, footage);
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                if (e.getValue().isValueNode()) fields.put(e.getKey(), e.getValue().asText());
            }
            PublicKey key = signerKey(m, problems);
            if (key != null) fingerprint = KeyFingerprint.of(key);
            if (key != null && sigText != null) {
                sigOk = signatureValid(key, manifestBytes, sigText);
                if (!sigOk) problems.add(Reason.of("export.verify.badSignature", "signature", ExportFormat.SIGNATURE, "manifest", ExportFormat.MANIFEST));
            }
            if (expectedKeyOrNull != null) {
                keyOk = key != null && Arrays.equals(key.getEncoded(), expectedKeyOrNull.getEncoded());
                if (!keyOk) {
                    problems.add(fingerprint.isEmpty()
                            ? Reason.of("export.verify.unreadableKeyNotExpected", "expected", KeyFingerprint.of(expectedKeyOrNull))
                            : Reason.of("export.verify.otherKey", "fingerprint", fingerprint, "expected", KeyFingerprint.of(expectedKeyOrNull)));
                }
            }
            hashOk = clipsMatch(z, clips(m, problems), problems, footage);
            describeGaps(m, footage);
        } catch (IOException e) {
            problems.add(Reason.of("export.verify.notZip", "file", zip.getFileName(), "detail", e.getClass().getSimpleName()));
        }
        return new VerifyResult(sigOk, keyOk, hashOk, fingerprint, List.copyOf(problems), fields, List.copyOf(footage));
    }

    private static JsonNode parse(byte[] manifestBytes, List<Reason> problems) {
        try {
            return JSON.readTree(manifestBytes);
        } catch (IOException e) {
            problems.add(Reason.of("export.verify.notJson", "manifest", ExportFormat.MANIFEST));
            return null;
        }
    }

    private static PublicKey signerKey(JsonNode m, List<Reason> problems) {
        try {
            byte[] encoded = Base64.getDecoder().decode(m.path("signer").path("publicKey").asText(""));
            return KeyFactory.getInstance(ExportFormat.SIGNATURE_ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (Exception e) {
            problems.add(Reason.of("export.verify.badPublicKey", "manifest", ExportFormat.MANIFEST));
            return null;
        }
    }

    private static boolean signatureValid(PublicKey key, byte[] manifestBytes, byte[] sigText) {
        try {
            Signature s = Signature.getInstance(ExportFormat.SIGNATURE_ALGORITHM);
            s.initVerify(key);
            s.update(manifestBytes);
            return s.verify(Base64.getDecoder().decode(new String(sigText, StandardCharsets.US_ASCII).trim()));
        } catch (Exception e) {
            return false;
        }
    }

    /** The clips the manifest lists: {@code clips} (format 2) or the single {@code clip} (format 1). */
    private static List<JsonNode> clips(JsonNode m, List<Reason> problems) {
        List<JsonNode> out = new ArrayList<>();
        if (m.path("clips").isArray()) m.path("clips").forEach(out::add);
        else if (m.path("clip").isObject()) out.add(m.path("clip"));
        if (out.isEmpty()) problems.add(Reason.of("export.verify.noClip", "manifest", ExportFormat.MANIFEST));
        return out;
    }

    private static boolean clipsMatch(ZipFile z, List<JsonNode> clips, List<Reason> problems, List<Reason> footage)
            throws IOException {
        boolean all = !clips.isEmpty();
        for (JsonNode c : clips) {
            String name = c.path("file").asText("");
            ZipEntry entry = name.isEmpty() ? null : z.getEntry(name);
            if (entry == null) {
                problems.add(name.isEmpty() ? Reason.of("export.verify.clipWithoutName") : Reason.of("export.verify.missing", "file", name));
                all = false;
                continue;
            }
            String expected = c.path("sha256").asText("");
            long expectedBytes = c.path("bytes").asLong(-1);
            String[] actual = sha256(z, entry);
            if (!actual[0].equalsIgnoreCase(expected) || Long.parseLong(actual[1]) != expectedBytes) {
                problems.add(Reason.of("export.verify.hashDiffers", "file", name, "actual", actual[0], "actualBytes", actual[1],
                        "expected", expected, "expectedBytes", expectedBytes));
                all = false;
            }
            String from = c.path("from").asText(c.path("footageFrom").asText(""));
            String to = c.path("to").asText(c.path("footageTo").asText(""));
            footage.add(c.path("width").asInt(0) > 0
                    ? Reason.of("export.footage.clipSized", "file", name, "from", from, "to", to, "size", c.path("width").asInt() + "x" + c.path("height").asInt())
                    : Reason.of("export.footage.clip", "file", name, "from", from, "to", to));
        }
        return all;
    }

    /** The manifest's gaps: kind is a code, the reason the words the manifest was written with (or a stored reason's code). */
    private static void describeGaps(JsonNode m, List<Reason> footage) {
        for (JsonNode g : m.path("gaps")) {
            String reason = g.path("reason").asText("");
            footage.add(reason.isEmpty()
                    ? Reason.of("export.footage.gap", "from", g.path("from").asText(), "to", g.path("to").asText(), "kind", g.path("kind").asText())
                    : Reason.of("export.footage.gapWhy", "from", g.path("from").asText(), "to", g.path("to").asText(), "kind", g.path("kind").asText(),
                            "reason", reason));
        }
    }

    private static String[] sha256(ZipFile z, ZipEntry entry) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long n = 0;
        try (InputStream in = z.getInputStream(entry)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                d.update(buf, 0, r);
                n += r;
            }
        }
        return new String[] {HexFormat.of().formatHex(d.digest()), Long.toString(n)};
    }

    private static byte[] read(ZipFile z, String name, List<Reason> problems) throws IOException {
        ZipEntry e = z.getEntry(name);
        if (e == null) {
            problems.add(Reason.of("export.verify.missing", "file", name));
            return null;
        }
        try (InputStream in = z.getInputStream(e)) {
            return in.readNBytes(1 << 20);
        }
    }
}
