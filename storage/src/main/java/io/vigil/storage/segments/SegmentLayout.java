package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where segment files live: {@code <dataDir>/segments/<camera>/<yyyy-mm-dd>/<startMillis>-<seq>.vseg},
 * the day being the UTC day of the segment's start. Temporary files sit in the same
 * directory (so the rename is atomic) and end in {@code .tmp}.
 */
final class SegmentLayout {
    static final String SUFFIX = ".vseg";
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{1,19})-(\\d{1,19})\\.vseg");

    private final Path root;

    SegmentLayout(Path dataDir) {
        this.root = dataDir.resolve("segments");
    }

    Path root() {
        return root;
    }

    Path cameraDir(CameraId cameraId) {
        return root.resolve(cameraId.value());
    }

    Path dayDir(CameraDay day) {
        return cameraDir(day.cameraId()).resolve(day.day().toString());
    }

    Path file(SegmentKey key) {
        return dayDir(CameraDay.of(key)).resolve(fileName(key));
    }

    static String fileName(SegmentKey key) {
        return key.startMillis() + "-" + key.sequence() + SUFFIX;
    }

    Path tempFile(SegmentKey key, long unique) {
        return dayDir(CameraDay.of(key)).resolve(fileName(key) + "." + Long.toUnsignedString(unique, 36) + TEMP_SUFFIX);
    }

    /** The segment a final file name in a camera's directory stands for, if it is one. */
    static Optional<SegmentKey> parse(CameraId cameraId, String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(new SegmentKey(cameraId, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
