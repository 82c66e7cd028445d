package io.vigil.gateway.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Names a signing key so people can compare it: the SHA-256 of its X.509 encoding, in
 * hexadecimal groups of four ("3f2a 9c1e …"), as printed by {@code vigil export key} at the
 * hospital and by {@code vigil export verify} at the recipient. Also reads the public key
 * file a recipient is given (PEM "PUBLIC KEY", bare base64, or DER).
 */
public final class KeyFingerprint {
    private KeyFingerprint() {}

    public static String of(PublicKey key) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 4) {
                if (i > 0) sb.append(' ');
                sb.append(hex, i, i + 4);
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as a PEM text block, the form {@link #read(Path)} accepts. */
    public static String pem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * Reads an Ed25519 public key file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static PublicKey read(Path file) throws java.io.IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.US_ASCII).trim();
        byte[] der;
        if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
            int end = text.indexOf("-----END PUBLIC KEY-----");
            if (end < 0) throw new IllegalArgumentException(file + ": PEM block has no END PUBLIC KEY line");
            der = decode(file, text.substring("-----BEGIN PUBLIC KEY-----".length(), end));
        } else if (text.startsWith("-----BEGIN")) {
            throw new IllegalArgumentException(file + ": not a public key (expected -----BEGIN PUBLIC KEY-----)");
        } else if (raw.length > 0 && raw[0] == 0x30) {
            der = raw;
        } else {
            der = decode(file, text);
        }
        try {
            return KeyFactory.getInstance(ExportFormat.SIGNATURE_ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalArgumentException(file + ": not an Ed25519 public key (X.509 SubjectPublicKeyInfo)");
        }
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the key is not valid base64");
        }
    }
}
