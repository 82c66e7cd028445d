package io.vigil.ingest.recording;

import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Fmp4Writer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the samples of a segment Vigil wrote (one moof with one traf/trun, then its
 * mdat): each sample's trun fields and the NAL unit type of its picture. Independent of
 * {@link Fmp4Writer}: it parses the bytes, so a test sees what a player sees.
 */
final class TrunSamples {
    /**
     * @param flags   sample_flags as written in trun
     * @param nalType type of the first slice NAL unit of the sample (in the numbering of the codec read)
     */
    record Sample(int duration, int size, int flags, int compositionOffset, int nalType) {
        /** ISO/IEC 14496-12 is_leading: 0 unknown, 1 leading not decodable from its sync sample, 2 not leading, 3 leading decodable. */
        int isLeading() {
            return (flags >>> 26) & 3;
        }

        boolean nonSync() {
            return (flags & 0x00010000) != 0;
        }
    }

    private TrunSamples() {}

    /** The samples of an H.265 segment. */
    static List<Sample> of(byte[] segment) {
        return of(segment, VideoCodec.H265);
    }

    static List<Sample> of(byte[] segment, VideoCodec codec) {
        int moof = box(segment, 0, segment.length, "moof");
        int moofEnd = moof + u32(segment, moof);
        int traf = box(segment, moof + 8, moofEnd, "traf");
        int trun = box(segment, traf + 8, traf + u32(segment, traf), "trun");
        int flags = u32(segment, trun + 8) & 0xFFFFFF;
        if (flags != 0x000F01) throw new AssertionError("trun flags " + Integer.toHexString(flags) + ", expected f01");
        int count = u32(segment, trun + 12);
        int dataAt = moof + u32(segment, trun + 16); // default-base-is-moof
        List<Sample> out = new ArrayList<>(count);
        int entry = trun + 20;
        for (int i = 0; i < count; i++, entry += 16) {
            int size = u32(segment, entry + 4);
            out.add(new Sample(u32(segment, entry), size, u32(segment, entry + 8), u32(segment, entry + 12), sliceType(segment, dataAt, size, codec)));
            dataAt += size;
        }
        if (dataAt != segment.length) throw new AssertionError("samples end at " + dataAt + ", the file at " + segment.length);
        return out;
    }

    /** First slice NAL type among the 4-byte length-prefixed NAL units of a sample. */
    private static int sliceType(byte[] b, int at, int size, VideoCodec codec) {
        int end = at + size;
        while (at + 4 < end) {
            int len = u32(b, at);
            int type = codec == VideoCodec.H265 ? (b[at + 4] >> 1) & 0x3F : b[at + 4] & 0x1F;
            if (codec == VideoCodec.H265 ? type < 32 : type >= 1 && type <= 5) return type;
            at += 4 + len;
        }
        throw new AssertionError("sample without a slice");
    }

    private static int box(byte[] b, int from, int to, String type) {
        for (int at = from; at + 8 <= to; at += u32(b, at)) {
            if (new String(b, at + 4, 4, StandardCharsets.US_ASCII).equals(type)) return at;
            if (u32(b, at) < 8) break;
        }
        throw new AssertionError("no " + type + " box");
    }

    private static int u32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
