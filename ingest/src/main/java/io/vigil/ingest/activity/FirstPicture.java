package io.vigil.ingest.activity;

import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.fmp4.Segment;
import io.vigil.storage.format.BoxReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The keyframe that starts a segment, taken out of the segment's fMP4 parts as one Annex B
 * access unit a decoder takes alone: the segment's parameter sets, then the first sample's
 * NAL units with their 4-byte lengths turned into start codes. Reads only the boxes and
 * the first sample, wherever the part boundaries fall; the rest of the segment (megabytes)
 * is never copied. Every segment starts with a sync picture (docs/segment-format.md, rule 1).
 */
final class FirstPicture {
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private FirstPicture() {}

    /** @throws IllegalArgumentException naming what is wrong when the segment is not in the segment format */
    static byte[] annexB(Segment segment) {
        Parts parts = new Parts(segment.parts());
        long at = 0;
        while (at + 8 <= parts.length) {
            ByteBuffer h = ByteBuffer.wrap(parts.read(at, 8));
            long size = h.getInt() & 0xFFFF_FFFFL;
            String type = new String(parts.read(at + 4, 4), StandardCharsets.ISO_8859_1);
            if (type.equals("moof")) {
                if (size < 8 || size > parts.length - at || size > Integer.MAX_VALUE) throw new IllegalArgumentException("moof of " + size + " bytes at " + at);
                return withParameterSets(segment.config(), toAnnexB(firstSample(parts, at, parts.read(at, (int) size))));
            }
            if (size < 8) throw new IllegalArgumentException("box '" + type + "' at byte " + at + " claims " + size + " bytes");
            at += size;
        }
        throw new IllegalArgumentException("segment has no movie fragment (moof)");
    }

    private static byte[] firstSample(Parts parts, long moofAt, byte[] moof) {
        BoxReader.Box traf = BoxReader.find(BoxReader.children(moof, 8, moof.length), "traf");
        if (traf == null) throw new IllegalArgumentException("moof without traf");
        BoxReader.Box trun = BoxReader.find(BoxReader.children(moof, traf.bodyOffset(), traf.end()), "trun");
        if (trun == null) throw new IllegalArgumentException("traf without trun");
        ByteBuffer b = ByteBuffer.wrap(moof, trun.bodyOffset(), trun.size() - trun.headerSize());
        int flags = b.getInt() & 0xFFFFFF;
        if (b.getInt() == 0) throw new IllegalArgumentException("trun holds no sample");
        if ((flags & 0x1) == 0 || (flags & 0x200) == 0) {
            throw new IllegalArgumentException("trun without data offset or sample sizes (flags 0x" + Integer.toHexString(flags) + ")");
        }
        long dataOffset = b.getInt(); // signed; relative to the moof (default-base-is-moof, segment-format.md)
        if ((flags & 0x4) != 0) b.getInt();
        if ((flags & 0x100) != 0) b.getInt();
        long size = b.getInt() & 0xFFFF_FFFFL;
        long from = moofAt + dataOffset;
        if (from < 0 || size == 0 || size > Integer.MAX_VALUE || from + size > parts.length) {
            throw new IllegalArgumentException("first sample of " + size + " bytes at " + from + " lies outside the segment");
        }
        return parts.read(from, (int) size);
    }

    /** Length-prefixed NAL units (4 bytes each) to start codes, in place: the same size. */
    private static byte[] toAnnexB(byte[] sample) {
        int i = 0;
        while (i < sample.length) {
            if (i + 4 > sample.length) throw new IllegalArgumentException("NAL unit length cut at byte " + i + " of the first sample");
            long n = ByteBuffer.wrap(sample, i, 4).getInt() & 0xFFFF_FFFFL;
            if (n == 0 || i + 4 + n > sample.length) {
                throw new IllegalArgumentException("NAL unit of " + n + " bytes at byte " + i + " overruns the first sample");
            }
            System.arraycopy(START_CODE, 0, sample, i, 4);
            i += 4 + (int) n;
        }
        return sample;
    }

    private static byte[] withParameterSets(CodecConfig config, byte[] picture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(picture.length + 256);
        for (List<byte[]> sets : List.of(config.vps(), config.sps(), config.pps())) {
            for (byte[] nal : sets) {
                out.writeBytes(START_CODE);
                out.writeBytes(nal);
            }
        }
        out.writeBytes(picture);
        return out.toByteArray();
    }

    /** The concatenation of the parts' remaining bytes, read at an offset without moving any buffer. */
    private static final class Parts {
        private final List<ByteBuffer> parts;
        private final long length;

        Parts(List<ByteBuffer> parts) {
            this.parts = parts;
            long n = 0;
            for (ByteBuffer p : parts) n += p.remaining();
            this.length = n;
        }

        byte[] read(long offset, int count) {
            byte[] out = new byte[count];
            int done = 0;
            long partStart = 0;
            for (ByteBuffer p : parts) {
                long partEnd = partStart + p.remaining();
                if (done < count && offset + done < partEnd) {
                    int from = (int) (offset + done - partStart);
                    int n = (int) Math.min(count - done, partEnd - (offset + done));
                    p.duplicate().position(p.position() + from).get(out, done, n);
                    done += n;
                }
                partStart = partEnd;
                if (done == count) return out;
            }
            throw new IllegalArgumentException(count + " bytes at " + offset + " lie beyond the segment's " + length + " bytes");
        }
    }
}
