package io.vigil.storage;

import java.util.Optional;

/**
 * Result of checking the whole chain and every signed head.
 *
 * @param entries        entries checked
 * @param signedHeads    signed heads checked
 * @param firstBadEntry  number of the first entry found edited, deleted, inserted or reordered
 * @param problem        what is wrong, in words, or null when the ledger verifies
 */
public record LedgerVerification(long entries, long signedHeads, Optional<Long> firstBadEntry, String problem) {
    public boolean ok() {
        return problem == null;
    }
}
