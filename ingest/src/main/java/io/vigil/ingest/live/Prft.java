package io.vigil.ingest.live;

import java.time.Instant;

/**
 * ISO BMFF producer reference time box ({@code prft}, ISO/IEC 14496-12 8.16.5), version 1:
 * the NTP time a picture arrived at Vigil and its decode time, so a viewer can measure
 * how late the picture is shown.
 */
final class Prft {
    static final int SIZE = 32;
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private Prft() {}

    static void write(byte[] out, int trackId, Instant arrival, long decodeTime) {
        int i = 0;
        i = u32(out, i, SIZE);
        out[i++] = 'p';
        out[i++] = 'r';
        out[i++] = 'f';
        out[i++] = 't';
        i = u32(out, i, 0x01_000000L); // version 1, flags 0
        i = u32(out, i, trackId);
        long seconds = arrival.getEpochSecond() + NTP_UNIX_OFFSET;
        long fraction = ((long) arrival.getNano() << 32) / 1_000_000_000L;
        i = u32(out, i, seconds);
        i = u32(out, i, fraction);
        i = u32(out, i, decodeTime >>> 32);
        u32(out, i, decodeTime);
    }

    private static int u32(byte[] out, int i, long v) {
        out[i] = (byte) (v >>> 24);
        out[i + 1] = (byte) (v >>> 16);
        out[i + 2] = (byte) (v >>> 8);
        out[i + 3] = (byte) v;
        return i + 4;
    }
}
