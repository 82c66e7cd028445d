package io.vigil.ingest.rtp;

/**
 * Unwraps 32-bit RTP timestamps onto a 64-bit timeline. At 90 kHz the 32-bit clock wraps
 * every 13.25 hours, and cameras start it at a random value, so a recording that runs
 * around the clock always meets a wrap. A step is read as the signed 32-bit difference
 * from the previous timestamp, which is right as long as consecutive packets are less
 * than 6.6 hours apart (reordered packets give small negative steps).
 */
public final class TimestampUnwrapper {
    private boolean started;
    private long last32;
    private long last64;

    /** The 64-bit timestamp for {@code ts32}; the first one maps to itself. */
    public long unwrap(long ts32) {
        ts32 &= 0xFFFF_FFFFL;
        if (!started) {
            started = true;
            last32 = ts32;
            last64 = ts32;
            return ts32;
        }
        int delta = (int) (ts32 - last32);
        last32 = ts32;
        last64 += delta;
        return last64;
    }

    public void reset() {
        started = false;
    }
}
