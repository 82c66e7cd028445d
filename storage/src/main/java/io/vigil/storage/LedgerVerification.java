package io.vigil.storage;

import java.util.Optional;

/**
 * Result of checking the whole chain and every signed head.
 *
 * @param entries        entries checked
 * @param signedHeads    signed heads checked
 * @param firstBadEntry  number of the first entry found edited, deleted, inserted or reordered
 * @param reason         what is wrong, as a key of storage's bundles ({@link StorageWords}), or null when the ledger verifies
 */
public record LedgerVerification(long entries, long signedHeads, Optional<Long> firstBadEntry, Reason reason) {
    public boolean ok() {
        return reason == null;
    }

    /** What is wrong in English (logs), or null when the ledger verifies; readers get {@link StorageWords#text}. */
    public String problem() {
        return reason == null ? null : StorageWords.english().text(reason);
    }
}
