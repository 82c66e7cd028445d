/**
 * The ledger's implementation: the hash-chained entries and signed heads in the RocksDB
 * index, their canonical encoding (whose bytes feed the chain's hashes and must never
 * change), head signing and verification. Every access, export, erase and repair is appended
 * here before it takes effect. Implementation of {@link io.vigil.storage.Ledger}; other
 * modules never import it.
 */
package io.vigil.storage.ledger;
