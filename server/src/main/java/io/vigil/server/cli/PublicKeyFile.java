package io.vigil.server.cli;

import io.vigil.gateway.export.KeyFingerprint;
import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.LedgerHeadText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The keystore's Ed25519 public key (it signs ledger heads and exports) as a file people
 * keep apart from the server: written as PEM with its fingerprint ({@code vigil ledger
 * public-key}, {@code vigil export key}); read back from PEM, base64 or DER, or from a
 * kept head line ({@code vigil-ledger-head v1 ...}, whose last word is the key).
 */
final class PublicKeyFile {
    /** X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410): followed by the 32 raw bytes. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private PublicKeyFile() {}

    /** Reads a key file named by {@code option}; every failure names the file and the option. */
    static PublicKey read(Path file, String option) {
        if (!Files.isRegularFile(file)) throw new UserFacingException("key.noSuchFile", "file", file, "option", option);
        try {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
            if (text.startsWith("vigil-ledger-head ")) return fromRaw(LedgerHeadText.parse(text).publicKey());
            return KeyFingerprint.read(file);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("key.notAKey", "file", file, "option", option);
        } catch (IOException e) {
            throw new UserFacingException("key.unreadable", "file", file, "option", option, "detail", e.getMessage());
        }
    }

    /** The 32 raw bytes the ledger's signed heads carry and are checked with. */
    static byte[] raw(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static PublicKey fromRaw(byte[] raw) {
        if (raw.length != 32) throw new IllegalArgumentException("an Ed25519 key has 32 bytes");
        byte[] der = Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + 32);
        System.arraycopy(raw, 0, der, ED25519_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 key", e);
        }
    }

    /** Prints the key as PEM, or writes it to {@code target} (never over an existing file), then its fingerprint. */
    static void print(PublicKey key, Path target, String writtenKey, CommandSpec spec) {
        CliText text = VigilCommand.text(spec);
        PrintWriter out = spec.commandLine().getOut();
        String pem = KeyFingerprint.pem(key);
        if (target == null) {
            out.print(pem);
        } else {
            if (Files.exists(target)) throw new UserFacingException("key.outExists", "file", target);
            try {
                Files.writeString(target, pem, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UserFacingException("key.outUnwritable", "file", target, "detail", e.getMessage());
            }
            out.println(text.t(writtenKey, "file", target));
        }
        out.println(text.t("key.fingerprint", "fingerprint", KeyFingerprint.of(key)));
        out.flush();
    }
}
