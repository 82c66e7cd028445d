package io.vigil.gateway.media;

import io.vigil.storage.format.BoxReader;
import io.vigil.storage.format.BoxReader.Box;
import java.nio.ByteBuffer;

/**
 * How long after its decode time a segment's first picture is shown: the first sample's
 * composition offset in {@code trun} (non-zero with B-frames, where the recorder delays
 * every picture by the stream's reordering). A segment's recorded start is the time of
 * its first <i>shown</i> picture, so a player's current time maps to footage time as
 * part start + current time − this delay.
 */
final class PresentationDelay {
    private PresentationDelay() {}

    /** The delay in milliseconds, 0 when the segment has none or it cannot be read. */
    static long millis(byte[] data, int initLen) {
        long timescale = BoxReader.timescale(data, initLen);
        if (timescale <= 0) return 0;
        for (Box moof : BoxReader.children(data, initLen, data.length)) {
            if (!moof.type().equals("moof")) continue;
            for (Box traf : BoxReader.children(data, moof.bodyOffset(), moof.end())) {
                if (!traf.type().equals("traf")) continue;
                Box trun = BoxReader.find(BoxReader.children(data, traf.bodyOffset(), traf.end()), "trun");
                return trun == null ? 0 : firstOffset(data, trun) * 1000 / timescale;
            }
        }
        return 0;
    }

    /** trun (ISO/IEC 14496-12 8.8.8): the first sample's composition time offset, or 0. */
    private static long firstOffset(byte[] data, Box trun) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int p = trun.bodyOffset();
        int version = data[p] & 0xFF;
        int flags = b.getInt(p) & 0xFFFFFF;
        int count = b.getInt(p + 4);
        if (count == 0 || (flags & 0x800) == 0) return 0;
        int at = p + 8;
        if ((flags & 0x1) != 0) at += 4;   // data offset
        if ((flags & 0x4) != 0) at += 4;   // first sample flags
        if ((flags & 0x100) != 0) at += 4; // sample duration
        if ((flags & 0x200) != 0) at += 4; // sample size
        if ((flags & 0x400) != 0) at += 4; // sample flags
        if (at + 4 > trun.end()) return 0;
        int offset = b.getInt(at);
        return version == 0 ? offset & 0xFFFFFFFFL : Math.max(0, offset);
    }
}
