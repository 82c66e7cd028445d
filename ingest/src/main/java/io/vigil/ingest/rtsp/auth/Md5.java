package io.vigil.ingest.rtsp.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Lower-case hex MD5 as RFC 2617 digest authentication needs it. */
final class Md5 {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Md5() {}

    static String hex(String s) {
        return hex(s.toCharArray());
    }

    /** Hashes chars without making a String of them (the password stays out of the string pool). */
    static String hex(char[] chars) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(raw);
            char[] out = new char[32];
            for (int i = 0; i < 16; i++) {
                out[2 * i] = HEX[(d[i] >> 4) & 0xF];
                out[2 * i + 1] = HEX[d[i] & 0xF];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    /** HA1 = MD5(user:realm:password). */
    static String ha1(String user, String realm, char[] password) {
        char[] prefix = (user + ":" + realm + ":").toCharArray();
        char[] all = Arrays.copyOf(prefix, prefix.length + password.length);
        System.arraycopy(password, 0, all, prefix.length, password.length);
        try {
            return hex(all);
        } finally {
            Arrays.fill(all, '\0');
        }
    }
}
