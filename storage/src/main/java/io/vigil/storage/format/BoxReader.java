package io.vigil.storage.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough ISO-BMFF (MP4) box walking to join fragmented-MP4 segments: find the
 * init (ftyp+moov), the codec description (stsd), each fragment's tfdt, and neutralise
 * per-file index boxes (mfra, sidx) that would point into the wrong file once joined.
 * Never changes a box's size, so byte offsets computed from segment sizes stay valid.
 * The reading half of the segment format ({@link SegmentFormat}); {@link BoxWriter} is
 * the writing half.
 */
public final class BoxReader {
    private BoxReader() {}

    /** A box at {@code offset} of {@code size} bytes (header included) with a 4-letter type. */
    public record Box(String type, int offset, int size, int headerSize) {
        public int end() { return offset + size; }
        public int bodyOffset() { return offset + headerSize; }
    }

    /** Boxes laid out one after another in data[from, to). */
    public static List<Box> children(byte[] data, int from, int to) {
        List<Box> out = new ArrayList<>();
        int i = from;
        while (i + 8 <= to) {
            long size = ByteBuffer.wrap(data, i, 4).getInt() & 0xFFFFFFFFL;
            String type = new String(data, i + 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (i + 16 > to) throw new IllegalArgumentException("truncated large box '" + type + "' at " + i);
                size = ByteBuffer.wrap(data, i + 8, 8).getLong();
                header = 16;
            } else if (size == 0) {
                size = to - i;
            }
            if (size < header || i + size > to) {
                throw new IllegalArgumentException("box '" + type + "' at byte " + i + " claims " + size + " bytes, beyond its container");
            }
            out.add(new Box(type, i, (int) size, header));
            i += (int) size;
        }
        return out;
    }

    public static Box find(List<Box> boxes, String type) {
        for (Box b : boxes) if (b.type().equals(type)) return b;
        return null;
    }

    /** Length of the init part: every top-level box before the first moof. */
    public static int initLength(byte[] segment) {
        for (Box b : children(segment, 0, segment.length)) {
            if (b.type().equals("moof")) return b.offset();
        }
        throw new IllegalArgumentException("segment has no movie fragment (moof)");
    }

    /** Bytes of the sample description (codec, resolution) in the init; null when absent. */
    public static byte[] sampleDescription(byte[] data, int initLength) {
        Box moov = find(children(data, 0, initLength), "moov");
        if (moov == null) return null;
        Box stsd = descend(data, moov, "trak", "mdia", "minf", "stbl", "stsd");
        return stsd == null ? null : Arrays.copyOfRange(data, stsd.offset(), stsd.end());
    }

    /** Media timescale (ticks per second) of the first track, from mdhd; 0 when absent. */
    public static long timescale(byte[] data, int initLength) {
        Box moov = find(children(data, 0, initLength), "moov");
        if (moov == null) return 0;
        Box mdhd = descend(data, moov, "trak", "mdia", "mdhd");
        if (mdhd == null) return 0;
        ByteBuffer b = ByteBuffer.wrap(data);
        int p = mdhd.bodyOffset();
        int version = data[p] & 0xFF;
        return version == 1 ? b.getInt(p + 4 + 16) & 0xFFFFFFFFL : b.getInt(p + 4 + 8) & 0xFFFFFFFFL;
    }

    private static Box descend(byte[] data, Box from, String... path) {
        Box cur = from;
        for (String t : path) {
            int start = cur.bodyOffset();
            if (cur.type().equals("stsd")) start += 8;
            Box next = find(children(data, start, cur.end()), t);
            if (next == null) return null;
            cur = next;
        }
        return cur;
    }

    /** The first tfdt (base media decode time) in data[from, to), or -1. */
    public static long firstDecodeTime(byte[] data, int from, int to) {
        for (Box b : children(data, from, to)) {
            if (!b.type().equals("moof")) continue;
            for (Box traf : children(data, b.bodyOffset(), b.end())) {
                if (!traf.type().equals("traf")) continue;
                Box tfdt = find(children(data, traf.bodyOffset(), traf.end()), "tfdt");
                if (tfdt != null) return readTfdt(data, tfdt);
            }
        }
        return -1;
    }

    /**
     * Prepares a segment's fragments for joining, in place over data[from, to): every tfdt
     * is shifted back by {@code base} (so the joined video starts at time 0) and top-level
     * boxes other than moof/mdat (mfra, sidx, styp) become 'free' boxes of the same size.
     *
     * @return false when a tfdt lies before {@code base} (the recorder's clock restarted):
     *     the caller ends the joined video before this segment
     */
    public static boolean prepareFragments(byte[] data, int from, int to, long base) {
        for (Box b : children(data, from, to)) {
            switch (b.type()) {
                case "moof" -> {
                    for (Box traf : children(data, b.bodyOffset(), b.end())) {
                        if (!traf.type().equals("traf")) continue;
                        for (Box c : children(data, traf.bodyOffset(), traf.end())) {
                            if (!c.type().equals("tfdt")) continue;
                            long t = readTfdt(data, c);
                            if (t < base) return false;
                            writeTfdt(data, c, t - base);
                        }
                    }
                }
                case "mdat", "free", "skip" -> { }
                default -> {
                    byte[] free = "free".getBytes(StandardCharsets.ISO_8859_1);
                    System.arraycopy(free, 0, data, b.offset() + 4, 4);
                }
            }
        }
        return true;
    }

    private static long readTfdt(byte[] data, Box tfdt) {
        int p = tfdt.bodyOffset();
        ByteBuffer bb = ByteBuffer.wrap(data);
        return (data[p] & 0xFF) == 1 ? bb.getLong(p + 4) : bb.getInt(p + 4) & 0xFFFFFFFFL;
    }

    private static void writeTfdt(byte[] data, Box tfdt, long value) {
        int p = tfdt.bodyOffset();
        ByteBuffer bb = ByteBuffer.wrap(data);
        if ((data[p] & 0xFF) == 1) bb.putLong(p + 4, value);
        else bb.putInt(p + 4, (int) value);
    }

    /** Header of a 'free' box that fills {@code length} bytes (32- or 64-bit size form). */
    public static byte[] freeBoxHeader(long length) {
        if (length < 8) return new byte[0];
        if (length <= 0xFFFFFFFFL) {
            return ByteBuffer.allocate(8).putInt((int) length).put("free".getBytes(StandardCharsets.ISO_8859_1)).array();
        }
        if (length < 16) return new byte[0];
        return ByteBuffer.allocate(16).putInt(1).put("free".getBytes(StandardCharsets.ISO_8859_1)).putLong(length).array();
    }
}
