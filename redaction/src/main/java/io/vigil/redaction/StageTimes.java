package io.vigil.redaction;

/**
 * CPU-side time per stage of one job, in nanoseconds (wall time spent in each stage on
 * its own thread). Each field is written by one pipeline thread only and read after the
 * threads have been joined. Also counts the detector's second looks, the part of its
 * inferences a benchmark wants to see apart.
 */
public final class StageTimes {
    long decode, detect, track, mask, encode;
    long secondLooks;

    public long decodeNanos() {
        return decode;
    }

    public long detectNanos() {
        return detect;
    }

    public long trackNanos() {
        return track;
    }

    public long maskNanos() {
        return mask;
    }

    public long encodeNanos() {
        return encode;
    }

    /** Inferences spent on second looks at unsure detections (part of the result's detector inferences). */
    public long detectorSecondLooks() {
        return secondLooks;
    }
}
