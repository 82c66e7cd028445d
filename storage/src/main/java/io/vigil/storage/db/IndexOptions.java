package io.vigil.storage.db;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;

/**
 * The RocksDB options of Vigil's index, in one place because some of them carry the erase
 * guarantee: a deleted value must leave no copy in the data directory (no WAL archive or
 * TTL, no WAL recycling, obsolete files purged at once), and small SST files bound what an
 * erase's forced compaction rewrites.
 */
final class IndexOptions {
    private IndexOptions() {}

    /** Options of the database (the caller closes them). */
    static DBOptions database() {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // Erase guarantees: a deleted WAL must really be deleted, never archived or reused.
                .setWalTtlSeconds(0)
                .setWalSizeLimitMB(0)
                .setRecycleLogFileNum(0)
                // 0 = look for obsolete files on every flush/compaction, not every 6 h.
                .setDeleteObsoleteFilesPeriodMicros(0)
                .setKeepLogFileNum(5)
                .setMaxBackgroundJobs(2)
                // The WAL of many small record writes should not grow without bound.
                .setMaxTotalWalSize(64L << 20);
    }

    /** Options of every column family (the caller closes them). */
    static ColumnFamilyOptions columnFamily() {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockSize(16 * 1024);
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(32L << 20)
                .setMaxWriteBufferNumber(3)
                // Small SST files: an erase's forced compaction rewrites only the files that
                // overlap the erased range, so their size bounds the cost of an erase.
                .setTargetFileSizeBase(8L << 20)
                .setMaxBytesForLevelBase(64L << 20)
                .setLevelCompactionDynamicLevelBytes(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
    }
}
