package io.vigil.storage.keys;

/**
 * Argon2id cost parameters. They are written into the keystore header so that a file
 * created with today's parameters still opens after the defaults are raised.
 *
 * @param memoryKiB   memory cost in KiB
 * @param iterations  number of passes over the memory
 * @param parallelism lanes
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {

    /** Upper bounds applied when reading a header, so a damaged header cannot ask for 4 TiB. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 1000;
    static final int MAX_PARALLELISM = 64;

    /**
     * Measured on the build machine (2 shared cores, Java 17, BouncyCastle 1.87): 96 MiB
     * and 3 passes take 0.3-0.42 s once warm (more in a cold JVM), inside the 0.3-0.5 s
     * target; 64 MiB took 0.19-0.45 s. One lane because BouncyCastle's Argon2 computes
     * lanes one after another anyway.
     */
    public static final KdfParameters DEFAULT = new KdfParameters(96 * 1024, 3, 1);

    public KdfParameters {
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be between " + (8 * parallelism)
                    + " and " + MAX_MEMORY_KIB + " KiB, was " + memoryKiB);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be between 1 and " + MAX_ITERATIONS
                    + ", was " + iterations);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be between 1 and " + MAX_PARALLELISM
                    + ", was " + parallelism);
        }
    }
}
