package io.vigil.storage;

/**
 * A record as stored: its number in the chain (1, 2, ...), the hash of the previous
 * entry, and its own hash over (number, previous hash, canonical record bytes).
 */
public record LedgerEntry(long number, LedgerRecord record, byte[] previousHash, byte[] hash) {}
