package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files' directories under {@code <dataDir>/segments}: creating day directories
 * durably (once, remembered), and deleting files and directories after an erase or a failed
 * write. The names come from {@link SegmentLayout}; every file call goes through
 * {@link FileSystemOps}, the seam the fault-injection tests replace.
 */
final class SegmentFiles {
    private static final Logger log = LoggerFactory.getLogger(SegmentFiles.class);

    private final SegmentLayout layout;
    private final FileSystemOps fs;
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    SegmentFiles(SegmentLayout layout, FileSystemOps fs) {
        this.layout = layout;
        this.fs = fs;
    }

    SegmentLayout layout() {
        return layout;
    }

    FileSystemOps fs() {
        return fs;
    }

    /** Creates {@code dir} (a day directory) and its camera directory durably, unless known to exist. */
    void ensureDirectory(Path dir) throws IOException {
        if (knownDirectories.contains(dir)) return;
        boolean cameraDirExisted = Files.isDirectory(dir.getParent());
        fs.createDirectory(dir);
        // New directory entries must be durable too, or a power cut could lose a whole day directory.
        fs.syncDirectory(dir.getParent());
        if (!cameraDirExisted) fs.syncDirectory(dir.getParent().getParent());
        knownDirectories.add(dir);
    }

    /** Forgets that {@code dir} exists (it failed under a write, or is being deleted), so the next append recreates it. */
    void forget(Path dir) {
        knownDirectories.remove(dir);
    }

    /** Removes what a failed write left (either may be null); fsck removes what this cannot. */
    void cleanUpFailedWrite(SegmentKey key, Path temp, Path target) {
        for (Path p : new Path[] {temp, target}) {
            if (p == null) continue;
            try {
                fs.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("segment {}: could not remove {} after a failed write ({}); fsck will remove it", key, p,
                        IoErrors.reason(e));
            }
        }
    }

    /** Deletes a day directory and every file in it (the day's key is already destroyed). */
    void deleteDayDirectory(CameraDay day) {
        Path dir = layout.dayDir(day);
        forget(dir);
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(this::deleteErased);
        } catch (IOException e) {
            log.warn("camera-day {}: cannot list {} to delete its files ({}); fsck will remove them", day, dir,
                    IoErrors.reason(e));
        }
        deleteErased(dir);
    }

    /** Deletes a file whose key is already destroyed; a failure is logged, fsck removes it later. */
    void deleteErased(Path p) {
        try {
            fs.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete {} ({}); its key is destroyed, fsck will remove the file", p, IoErrors.reason(e));
        }
    }
}
