package io.vigil.storage;

import java.util.List;

/**
 * Every inconsistency found between segment files, index rows and keys, and what was
 * repaired. A segment whose file, key and index row are intact is never listed for removal.
 */
public record FsckReport(long segmentsChecked, List<Problem> problems, boolean repaired) {
    public record Problem(String kind, String where, String detail, String action) {}

    public boolean clean() {
        return problems.isEmpty();
    }
}
