package io.vigil.ingest.fmp4;

/**
 * Where the media pipeline reports something wrong with a camera's stream (malformed
 * packets, no parameter sets, timestamp jumps, ...). The recorder turns each into a
 * metric and a log line; the pipeline itself never throws for bad input.
 */
@FunctionalInterface
public interface ProblemReporter {
    /**
     * @param kind    short stable tag for the metric, e.g. "malformed-rtp"
     * @param message what is wrong, in words, for the log
     */
    void report(String kind, String message);
}
