/**
 * Record tables: one RocksDB column family per table of small records (accounts, sessions,
 * grants, holds, requests, meta) that other modules keep through
 * {@link io.vigil.storage.RecordTable}. Implementation; other modules never import it.
 */
package io.vigil.storage.records;
