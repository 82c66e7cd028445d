package io.vigil.ingest.codec;

/**
 * Bits of a NAL unit's RBSP read one at a time, and the codes built of them (H.264 7.2 and
 * 9.1): fixed-width fields and unsigned exp-Golomb. The two readers differ in how they get a
 * bit ({@link BitReader} from a copied RBSP, for parameter sets; {@code H264RecoveryPoint}'s
 * reader on the fly, for SEI and slice headers) and in what they throw, never in the codes.
 *
 * @param <E> what the reader throws on malformed input (its own kind, so a caller's handling stays the same)
 */
interface RbspBits<E extends Exception> {
    /** The next bit. */
    int bit() throws E;

    /** The exception for malformed input, worded by the caller. */
    E malformed(String message);

    /** An unsigned field of {@code n} bits (n at most 31). */
    default int bits(int n) throws E {
        int v = 0;
        for (int i = 0; i < n; i++) v = (v << 1) | bit();
        return v;
    }

    /** Unsigned exp-Golomb ue(v), limited to 31 bits of prefix so garbage cannot overflow. */
    default int ue() throws E {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros > 31) throw malformed("exp-Golomb code longer than 32 bits");
        }
        long v = (1L << zeros) - 1 + bits(zeros);
        if (v > Integer.MAX_VALUE) throw malformed("exp-Golomb value out of range");
        return (int) v;
    }
}
