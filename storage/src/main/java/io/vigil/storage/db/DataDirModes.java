package io.vigil.storage.db;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File modes of the data directory: Vigil creates its directories 0700 and its files 0600
 * (account hashes, purposes and footage metadata are nobody else's business). At start the
 * directories down to the camera folders and the index's files are checked; anything that
 * lets group or others in is reported (logged and returned), not silently changed: an
 * operator may have had a reason, and should know.
 */
public final class DataDirModes {
    private static final Logger log = LoggerFactory.getLogger(DataDirModes.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirModes() {}

    /** Directories under {@code dataDir} (itself, index, segments, camera and day folders) open to group or others, each with its mode. */
    public static List<String> looser(Path dataDir) {
        List<String> found = new ArrayList<>();
        check(dataDir, found);
        // The index's own files are not listed: RocksDB creates them with the umask at any time
        // (flushes, compactions); they are narrowed at open and close, and the 0700 index
        // directory is what keeps others out meanwhile.
        check(dataDir.resolve("index"), found);
        Path segments = dataDir.resolve("segments");
        check(segments, found);
        forEach(segments, camera -> {
            check(camera, found);
            forEach(camera, day -> {
                if (Files.isDirectory(day)) {
                    check(day, found);
                }
            });
        });
        return found;
    }

    /** Logs every path {@link #looser} finds, with the command that fixes it. */
    public static List<String> report(Path dataDir) {
        List<String> found = looser(dataDir);
        for (String f : found) {
            log.warn("data directory permissions: {} is open to other users of this machine; Vigil creates directories"
                    + " 0700 and files 0600 (fix: chmod -R go-rwx {})", f, dataDir);
        }
        return found;
    }

    /**
     * RocksDB creates its files with the process umask (usually 0644); they hold the index,
     * accounts and ledger, so they are narrowed to 0600 after opening. The index directory
     * itself is 0700, so files RocksDB creates later are not reachable by others either.
     */
    static void narrowIndexFiles(Path indexDir) {
        forEach(indexDir, p -> {
            try {
                if (Files.isRegularFile(p) && !java.util.Collections.disjoint(Files.getPosixFilePermissions(p), OTHERS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("could not narrow {}: {}", p, e.getMessage());
            }
        });
    }

    private static void check(Path p, List<String> found) {
        try {
            if (!Files.exists(p)) {
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
            if (!java.util.Collections.disjoint(mode, OTHERS)) {
                found.add(p + " (" + PosixFilePermissions.toString(mode) + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to compare.
        }
    }

    private static void forEach(Path dir, java.util.function.Consumer<Path> action) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                action.accept(p);
            }
        } catch (IOException e) {
            log.debug("could not list {}: {}", dir, e.getMessage());
        }
    }
}
