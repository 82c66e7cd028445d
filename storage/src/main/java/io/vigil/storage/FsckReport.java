package io.vigil.storage;

import java.util.List;

/**
 * Every inconsistency found between segment files, index rows and keys, and what was
 * repaired. A segment whose file, key and index row are intact is never listed for removal.
 */
public record FsckReport(long segmentsChecked, List<Problem> problems, boolean repaired) {
    /**
     * One finding.
     *
     * @param kind  a stable code ({@code orphan-file}, {@code missing-file}...), shown as it is
     * @param where the file, camera-day or segment it concerns
     * @param why   what is wrong, worded from storage's bundles ({@link StorageWords})
     * @param done  what was done or would be done
     */
    public record Problem(String kind, String where, Reason why, Reason done) {
        /** What is wrong, in English (logs, the ledger's repair entries). */
        public String detail() {
            return StorageWords.english().text(why);
        }

        /** What was done, in English (logs, the ledger's repair entries); null when nothing is said. */
        public String action() {
            return done == null ? null : StorageWords.english().text(done);
        }

        /** {@code kind where: what is wrong -> what was done}, in the reader's words. */
        public String line(StorageWords words) {
            return kind + " " + where + ": " + words.text(why) + (done == null ? "" : " -> " + words.text(done));
        }
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
