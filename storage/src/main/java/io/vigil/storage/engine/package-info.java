/**
 * The assembled store: {@link io.vigil.storage.engine.RocksVigilStore} opens the RocksDB
 * index of a data directory and puts the segment store, the ledger and the record tables
 * over it, runs the start-up reconcile, and writes the ledger entry of every erase and
 * fsck repair. The top of the implementation: it may use every other storage package; none
 * uses it except the factory {@link io.vigil.storage.VigilStores}.
 */
package io.vigil.storage.engine;
