/**
 * The RocksDB instance of a data directory ({@code <dataDir>/index}): its column families,
 * write options, and the flush-and-compact that makes deleted rows really leave the disk.
 * The bottom of the implementation: the segment store, the ledger and the record tables
 * all keep their rows here.
 */
package io.vigil.storage.db;
