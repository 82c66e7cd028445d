package io.vigil.purge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much space is left for recording. The purge asks it before and during disk-pressure
 * relief; production reads the data directory's file system, tests substitute a probe
 * that simulates a small or full disk.
 */
@FunctionalInterface
public interface FreeSpaceProbe {

    /** Bytes still usable by this process on the file system that holds the footage. */
    long usableBytes();

    /** The real probe: {@link FileStore#getUsableSpace()} of the file system holding {@code dataDir}. */
    static FreeSpaceProbe of(Path dataDir) {
        return () -> {
            try {
                FileStore store = Files.getFileStore(dataDir);
                return store.getUsableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read free space of " + dataDir + ": " + e.getMessage(), e);
            }
        };
    }
}
