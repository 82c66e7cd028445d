package io.vigil.storage;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The latest signed ledger head as one line of text, the form in which it leaves the data
 * directory: the copy kept beside the keystore, the daily log line, the output of
 * {@code vigil ledger verify}, and what an operator pastes into
 * {@code vigil ledger verify --head LINE} to check the ledger against a copy kept elsewhere.
 * <pre>vigil-ledger-head v1 SIZE HASH-HEX TIME-ISO SIGNATURE-BASE64 PUBLIC-KEY-BASE64</pre>
 */
public final class LedgerHeadText {
    private static final String LABEL = "vigil-ledger-head";
    private static final String VERSION = "v1";

    private LedgerHeadText() {}

    public static String format(Ledger.SignedHead head) {
        return LABEL + " " + VERSION + " " + head.size() + " " + HexFormat.of().formatHex(head.headHash()) + " "
                + head.time() + " " + Base64.getEncoder().encodeToString(head.signature()) + " "
                + Base64.getEncoder().encodeToString(head.publicKey());
    }

    /** Parses a line written by {@link #format}; the message of the exception says what is wrong. */
    public static Ledger.SignedHead parse(String line) {
        String[] parts = line.strip().split(" +");
        if (parts.length != 7 || !parts[0].equals(LABEL)) {
            throw new IllegalArgumentException("not a signed ledger head: expected '" + LABEL
                    + " v1 SIZE HASH TIME SIGNATURE KEY' (7 words), got " + parts.length + " word(s)");
        }
        if (!parts[1].equals(VERSION)) {
            throw new IllegalArgumentException("unknown signed ledger head version '" + parts[1] + "'");
        }
        try {
            long size = Long.parseLong(parts[2]);
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
            byte[] hash = HexFormat.of().parseHex(parts[3]);
            if (hash.length != 32) {
                throw new IllegalArgumentException("the hash must be 64 hex digits");
            }
            Instant time = Instant.parse(parts[4]);
            return new Ledger.SignedHead(size, hash, time, Base64.getDecoder().decode(parts[5]),
                    Base64.getDecoder().decode(parts[6]));
        } catch (NumberFormatException | DateTimeException e) {
            throw new IllegalArgumentException("malformed signed ledger head: " + e.getMessage(), e);
        }
    }
}
