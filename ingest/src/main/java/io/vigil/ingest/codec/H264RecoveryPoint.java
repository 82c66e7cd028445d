package io.vigil.ingest.codec;

import java.util.List;

/**
 * Recognises H.264 open-GOP random access points: an I picture (every slice I or SI) whose
 * access unit carries a recovery point SEI message (payload type 6, H.264 D.1.8 / D.2.8)
 * with {@code recovery_frame_cnt = 0}, i.e. every picture from it on in output order
 * decodes exactly when decoding starts there. libx264 with {@code open-gop=1} and many
 * cameras send such pictures instead of IDRs after the first one. Pictures that follow it
 * in decoding order but are shown before it are not covered by that promise (with open GOP
 * they refer to the previous group of pictures); the segmenter treats them as leading
 * pictures.
 *
 * <p>A recovery point with {@code recovery_frame_cnt > 0} (gradual decoding refresh,
 * intra refresh) is not a point where a segment can start: the pictures up to the
 * recovery frame would be shown broken.
 *
 * <p>Never throws: an SEI NAL unit from a camera may be anything, and a malformed one is
 * reported in the result (the caller counts it) and treated as no recovery point.
 */
public final class H264RecoveryPoint {
    private static final int SEI = 6;
    private static final int RECOVERY_POINT = 6;

    /**
     * @param randomAccess the picture is an I picture with a recovery point at distance 0
     * @param malformed    what was wrong with an SEI NAL unit of the picture, or null
     */
    public record Result(boolean randomAccess, String malformed) {}

    private static final Result NO = new Result(false, null);
    private static final Result YES = new Result(true, null);

    private H264RecoveryPoint() {}

    /** Classifies one picture's NAL units (parameter sets and AUD already removed or not: they are skipped). */
    public static Result of(List<byte[]> nals) {
        boolean recovery = false;
        for (byte[] nal : nals) {
            if (nal.length == 0 || (nal[0] & 0x1F) != SEI) continue;
            int count;
            try {
                count = recoveryFrameCount(nal);
            } catch (Malformed e) {
                return new Result(false, "malformed SEI (" + e.getMessage() + "); the picture is not taken as a random access point");
            }
            if (count == 0) recovery = true;
        }
        if (!recovery) return NO;
        // only now look at the slices: the SEI is rare (once per group of pictures)
        boolean slices = false;
        for (byte[] nal : nals) {
            if (nal.length == 0) continue;
            int type = nal[0] & 0x1F;
            if (type < 1 || type > 5) continue;
            slices = true;
            try {
                if (!intraSlice(nal)) return NO;
            } catch (Malformed e) {
                return NO; // a slice header we cannot read is not an I picture we can vouch for
            }
        }
        return slices ? YES : NO;
    }

    /**
     * The smallest {@code recovery_frame_cnt} among the recovery point messages of one SEI
     * NAL unit (several messages may share it), or -1 without one.
     */
    static int recoveryFrameCount(byte[] nal) throws Malformed {
        Rbsp r = new Rbsp(nal, 1);
        int found = -1;
        do {
            int type = r.ffCoded();
            int size = r.ffCoded();
            if (size > r.remainingUpperBound()) throw new Malformed("payload of " + size + " bytes in " + nal.length + " bytes");
            if (type == RECOVERY_POINT) {
                int start = r.bytePosition();
                int count = r.ue();
                r.bits(4); // exact_match_flag, broken_link_flag, changing_slice_group_idc
                if (r.bytePosition() - start > size) throw new Malformed("recovery point longer than its payload size " + size);
                found = found < 0 ? count : Math.min(found, count);
                r.skipBytes(size - (r.bytePosition() - start));
            } else {
                r.skipBytes(size);
            }
        } while (r.moreData());
        return found;
    }

    /** Whether a slice's slice_type (7.3.3) is I (2, 7) or SI (4, 9). */
    static boolean intraSlice(byte[] nal) throws Malformed {
        Rbsp r = new Rbsp(nal, 1);
        r.ue(); // first_mb_in_slice
        int sliceType = r.ue();
        if (sliceType > 9) throw new Malformed("slice_type " + sliceType);
        return sliceType % 5 == 2 || sliceType % 5 == 4;
    }

    /** A parse failure of an SEI or slice header; never leaves this class. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false); // no stack trace: garbage is expected input
        }
    }

    /**
     * Reads the RBSP of a NAL unit on the fly, dropping each emulation prevention byte
     * (0x03 after two zero bytes), so a payload size (counted in RBSP bytes) is skipped
     * exactly and no copy of the NAL unit is made.
     */
    private static final class Rbsp implements RbspBits<Malformed> {
        private final byte[] nal;
        private int pos;
        private int zeros;
        private int current;
        private int bitsLeft; // bits of current not yet read
        private int rbspBytes;

        Rbsp(byte[] nal, int start) {
            this.nal = nal;
            this.pos = start;
        }

        private int nextByte() throws Malformed {
            if (pos < nal.length && zeros >= 2 && nal[pos] == 3) {
                pos++;
                zeros = 0;
            }
            if (pos >= nal.length) throw new Malformed("ends early");
            int b = nal[pos++] & 0xFF;
            zeros = b == 0 ? zeros + 1 : 0;
            rbspBytes++;
            return b;
        }

        /** Bytes read so far (a partly read byte counts). */
        int bytePosition() {
            return rbspBytes;
        }

        /** At least as many RBSP bytes as are left (escaped bytes included). */
        int remainingUpperBound() {
            return nal.length - pos;
        }

        @Override
        public int bit() throws Malformed {
            if (bitsLeft == 0) {
                current = nextByte();
                bitsLeft = 8;
            }
            bitsLeft--;
            return (current >> bitsLeft) & 1;
        }

        @Override
        public Malformed malformed(String message) {
            return new Malformed(message);
        }

        /** payloadType or payloadSize of an SEI message: 0xFF bytes adding 255 each, then the last byte. */
        int ffCoded() throws Malformed {
            bitsLeft = 0; // SEI message headers are byte aligned
            int v = 0;
            int b;
            while ((b = nextByte()) == 0xFF) {
                v += 255;
                if (v > 1 << 24) throw new Malformed("SEI payload type or size beyond 16 MiB");
            }
            return v + b;
        }

        void skipBytes(int n) throws Malformed {
            bitsLeft = 0;
            for (int i = 0; i < n; i++) nextByte();
        }

        /**
         * more_rbsp_data() between SEI messages: something is left besides the trailing
         * bits (0x80). A NAL unit that ends without trailing bits after a whole message is
         * accepted (some cameras write them so).
         */
        boolean moreData() {
            bitsLeft = 0;
            int rest = pos;
            // skip an emulation prevention byte that may follow
            if (rest < nal.length && zeros >= 2 && nal[rest] == 3) rest++;
            if (rest >= nal.length) return false;
            if ((nal[rest] & 0xFF) != 0x80) return true;
            for (int i = rest + 1; i < nal.length; i++) if (nal[i] != 0) return true;
            return false; // rbsp_trailing_bits, perhaps followed by cabac_zero_words / trailing zeros
        }
    }
}
