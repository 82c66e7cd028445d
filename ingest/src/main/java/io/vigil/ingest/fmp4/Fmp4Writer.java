package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.SpsInfo;
import io.vigil.ingest.codec.VideoCodec;

import io.vigil.storage.format.BoxWriter;
import io.vigil.storage.format.SegmentFormat;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes fragmented MP4 (ISO/IEC 14496-12 and -15) for one video track, box by box.
 * Writing the few boxes ourselves instead of muxing through FFmpeg costs a copy of the
 * NAL units and nothing else (no native calls, no per-packet allocations in C), and the
 * format is fully under our control: an init segment (ftyp + moov with an empty sample
 * table and mvex) followed by one moof + mdat per segment, timescale 90 kHz (RTP's),
 * samples as 4-byte length-prefixed NAL units. What it writes is the segment format
 * ({@link SegmentFormat}: its contract, which the gateway's joining relies on).
 */
public final class Fmp4Writer {
    public static final int TIMESCALE = SegmentFormat.TIMESCALE;
    private static final int TRACK_ID = SegmentFormat.TRACK_ID;
    /** sample_depends_on = 2 (an I picture). */
    private static final int SYNC_SAMPLE_FLAGS = 0x02000000;
    /** sample_depends_on = 1, sample_is_non_sync_sample = 1. */
    private static final int NON_SYNC_SAMPLE_FLAGS = 0x01010000;
    /** Where is_leading sits in sample_flags (ISO/IEC 14496-12, 8.8.3.1): the two bits above sample_depends_on. */
    private static final int IS_LEADING_SHIFT = 26;

    /**
     * A sample's is_leading value (ISO/IEC 14496-12, 8.8.3.1): whether it is shown before
     * the sync sample that precedes it in decoding order, and whether it decodes when
     * playback starts at that sync sample. A player starting there skips the
     * {@link #UNDECODABLE} ones; one that decoded the previous samples too shows them.
     */
    public enum Leading {
        /** 0: not said (every sample that is not a leading picture: what was written before). */
        UNKNOWN(0),
        /** 1: leading, with a dependency before its sync sample, so not decodable from there (H.265 RASL). */
        UNDECODABLE(1),
        /** 3: leading, without such a dependency, so decodable (H.265 RADL). */
        DECODABLE(3);

        final int value;

        Leading(int value) {
            this.value = value;
        }
    }

    /**
     * One picture of a fragment: its NAL units, its duration on the decode timeline, how
     * much later than its decode time it is shown (B-frames), in 90 kHz ticks, and whether
     * it is a leading picture.
     */
    public record Sample(List<byte[]> nals, int duration, boolean sync, int compositionOffset, Leading leading) {
        public Sample(List<byte[]> nals, int duration, boolean sync, int compositionOffset) {
            this(nals, duration, sync, compositionOffset, Leading.UNKNOWN);
        }

        public Sample(List<byte[]> nals, int duration, boolean sync) {
            this(nals, duration, sync, 0);
        }

        int flags() {
            return (sync ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS) | leading.value << IS_LEADING_SHIFT;
        }

        int size() {
            int n = 0;
            for (byte[] nal : nals) n += 4 + nal.length;
            return n;
        }
    }

    private Fmp4Writer() {}

    /** The init segment: ftyp + moov for {@code config}. */
    public static byte[] init(CodecConfig config) {
        BoxWriter b = new BoxWriter(1024);
        b.begin("ftyp").fourcc("iso6").u32(0).fourcc("iso6").fourcc("iso5").fourcc("isom")
                .fourcc(config.codec().sampleEntry()).fourcc("mp41").end();
        b.begin("moov");
        b.beginFull("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0).u32(0x00010000).u16(0x0100).zeros(10)
                .matrix().zeros(24).u32(TRACK_ID + 1).end();
        b.begin("trak");
        b.beginFull("tkhd", 0, 3).u32(0).u32(0).u32(TRACK_ID).u32(0).u32(0).zeros(8).u16(0).u16(0).u16(0).u16(0)
                .matrix().u32((long) config.width() << 16).u32((long) config.height() << 16).end();
        b.begin("mdia");
        b.beginFull("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0).u16(0x55C4).u16(0).end(); // language "und"
        b.beginFull("hdlr", 0, 0).u32(0).fourcc("vide").zeros(12).fourcc("Vigi").fourcc("l vi").fourcc("deo").u8(0).end(); // name "Vigil video"
        b.begin("minf");
        b.beginFull("vmhd", 0, 1).u16(0).u16(0).u16(0).u16(0).end();
        b.begin("dinf").beginFull("dref", 0, 0).u32(1).beginFull("url ", 0, 1).end().end().end();
        b.begin("stbl");
        b.beginFull("stsd", 0, 0).u32(1);
        sampleEntry(b, config);
        b.end();
        b.beginFull("stts", 0, 0).u32(0).end();
        b.beginFull("stsc", 0, 0).u32(0).end();
        b.beginFull("stsz", 0, 0).u32(0).u32(0).end();
        b.beginFull("stco", 0, 0).u32(0).end();
        b.end(); // stbl
        b.end(); // minf
        b.end(); // mdia
        b.end(); // trak
        b.begin("mvex").beginFull("trex", 0, 0).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).end().end();
        b.end(); // moov
        return b.toByteArray();
    }

    private static void sampleEntry(BoxWriter b, CodecConfig c) {
        b.begin(c.codec().sampleEntry()).zeros(6).u16(1) // reserved, data_reference_index
                .u16(0).u16(0).zeros(12).u16(c.width()).u16(c.height())
                .u32(0x00480000).u32(0x00480000).u32(0).u16(1).zeros(32).u16(0x0018).u16(0xFFFF);
        if (c.codec() == VideoCodec.H264) avcC(b, c);
        else hvcC(b, c);
        b.end();
    }

    private static void avcC(BoxWriter b, CodecConfig c) {
        byte[] sps = c.sps().get(0);
        b.begin("avcC").u8(1).u8(sps[1]).u8(sps[2]).u8(sps[3]).u8(0xFF) // lengthSizeMinusOne = 3
                .u8(0xE0 | c.sps().size());
        for (byte[] s : c.sps()) b.u16(s.length).bytes(s);
        b.u8(c.pps().size());
        for (byte[] p : c.pps()) b.u16(p.length).bytes(p);
        int profile = c.spsInfo().profileIdc();
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            SpsInfo s = c.spsInfo();
            b.u8(0xFC | s.chromaFormatIdc()).u8(0xF8 | s.bitDepthLumaMinus8()).u8(0xF8 | s.bitDepthChromaMinus8()).u8(0);
        }
        b.end();
    }

    private static void hvcC(BoxWriter b, CodecConfig c) {
        SpsInfo s = c.spsInfo();
        b.begin("hvcC").u8(1).bytes(s.profileTierLevel(), 0, 11) // profile space..constraint flags
                .u8(s.profileTierLevel()[11]) // general_level_idc
                .u16(0xF000).u8(0xFC).u8(0xFC | s.chromaFormatIdc()).u8(0xF8 | s.bitDepthLumaMinus8())
                .u8(0xF8 | s.bitDepthChromaMinus8()).u16(0)
                .u8(((s.maxSubLayersMinus1() + 1) << 3) | ((s.temporalIdNesting() ? 1 : 0) << 2) | 3)
                .u8(3);
        nalArray(b, 32, c.vps());
        nalArray(b, 33, c.sps());
        nalArray(b, 34, c.pps());
        b.end();
    }

    private static void nalArray(BoxWriter b, int type, List<byte[]> nals) {
        b.u8(0x80 | type).u16(nals.size());
        for (byte[] n : nals) b.u16(n.length).bytes(n);
    }

    /**
     * A whole self-contained segment, init followed by one moof + mdat, as consecutive
     * buffers whose concatenation is the file: one with the boxes, then per NAL unit its
     * 4-byte length and the NAL unit's own array. Nothing of the picture data is copied:
     * the store encrypts straight from the arrays the depacketizer made. (Copying a segment
     * into one array cost a copy and, at 1 MiB per segment, a "humongous" G1 allocation
     * each time, which started concurrent GC cycles: a fifth of ingest's CPU, measured;
     * docs/benchmarks.md.) The NAL arrays must not change until the segment is stored.
     */
    public static List<ByteBuffer> segmentParts(CodecConfig config, long sequenceNumber, long baseDecodeTime, List<Sample> samples) {
        byte[] init = init(config);
        BoxWriter head = new BoxWriter(init.length + 256 + samples.size() * 16);
        head.bytes(init);
        moofAndMdatHeader(head, init.length, sequenceNumber, baseDecodeTime, samples);
        int nalCount = 0;
        for (Sample s : samples) nalCount += s.nals().size();
        byte[] lengths = new byte[4 * nalCount];
        List<ByteBuffer> parts = new java.util.ArrayList<>(1 + 2 * nalCount);
        parts.add(ByteBuffer.wrap(head.toByteArray()));
        int at = 0;
        for (Sample s : samples) {
            for (byte[] nal : s.nals()) {
                int n = nal.length;
                lengths[at] = (byte) (n >>> 24);
                lengths[at + 1] = (byte) (n >>> 16);
                lengths[at + 2] = (byte) (n >>> 8);
                lengths[at + 3] = (byte) n;
                parts.add(ByteBuffer.wrap(lengths, at, 4).slice());
                parts.add(ByteBuffer.wrap(nal));
                at += 4;
            }
        }
        return parts;
    }

    /** The remaining bytes of {@code parts} in one array (tests, tools; not the recording path). */
    public static byte[] concat(List<ByteBuffer> parts) {
        int n = 0;
        for (ByteBuffer p : parts) n += p.remaining();
        byte[] out = new byte[n];
        int at = 0;
        for (ByteBuffer p : parts) {
            int len = p.remaining();
            p.duplicate().get(out, at, len);
            at += len;
        }
        return out;
    }

    /**
     * One moof + mdat holding {@code samples}.
     *
     * @param sequenceNumber   mfhd sequence number (increasing per camera)
     * @param baseDecodeTime   tfdt: decode time of the first sample, in 90 kHz ticks,
     *                         continuing across segments so they concatenate
     */
    public static byte[] fragment(long sequenceNumber, long baseDecodeTime, List<Sample> samples) {
        long payload = 0;
        for (Sample s : samples) payload += s.size();
        BoxWriter b = new BoxWriter((int) (256 + samples.size() * 16 + payload));
        moofAndMdatHeader(b, 0, sequenceNumber, baseDecodeTime, samples);
        for (Sample s : samples) {
            for (byte[] nal : s.nals()) b.u32(nal.length).bytes(nal);
        }
        return b.toByteArray();
    }

    /**
     * Writes moof and the 8-byte mdat header (its size covers the samples that the caller
     * writes next) into {@code b}, where the moof starts at offset {@code moofAt}.
     */
    private static void moofAndMdatHeader(BoxWriter b, int moofAt, long sequenceNumber, long baseDecodeTime, List<Sample> samples) {
        long payload = 0;
        for (Sample s : samples) payload += s.size();
        if (payload + 8 > 0xFFFF_FFFFL) throw new IllegalArgumentException("segment of " + payload + " bytes is too large for one mdat");
        b.begin("moof");
        b.beginFull("mfhd", 0, 0).u32(sequenceNumber).end();
        b.begin("traf");
        b.beginFull("tfhd", 0, 0x020000).u32(TRACK_ID).end(); // default-base-is-moof
        b.beginFull("tfdt", 1, 0).u64(baseDecodeTime).end();
        b.beginFull("trun", 0, 0x000F01).u32(samples.size()); // data offset, duration, size, flags, cto
        int dataOffsetAt = b.length();
        b.u32(0);
        for (Sample s : samples) {
            b.u32(s.duration()).u32(s.size()).u32(s.flags()).u32(s.compositionOffset());
        }
        b.end(); // trun
        b.end(); // traf
        b.end(); // moof
        b.patchU32(dataOffsetAt, b.length() - moofAt + 8L); // first sample right after the mdat header
        b.u32(payload + 8).fourcc("mdat");
    }
}
