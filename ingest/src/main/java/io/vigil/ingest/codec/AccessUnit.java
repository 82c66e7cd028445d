package io.vigil.ingest.codec;

import java.util.List;

/**
 * All NAL units of one picture, in decoding order, without start codes or length
 * prefixes.
 *
 * @param timestamp 64-bit unwrapped RTP timestamp (90 kHz)
 * @param keyframe  contains an IDR (H.264) or IRAP (H.265) picture
 * @param nals      NAL units, each starting with its NAL header
 */
public record AccessUnit(long timestamp, boolean keyframe, List<byte[]> nals) {
    public int size() {
        int n = 0;
        for (byte[] nal : nals) n += nal.length;
        return n;
    }
}
