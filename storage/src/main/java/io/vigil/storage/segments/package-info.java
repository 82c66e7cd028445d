/**
 * The segment store: the encrypted segment files under {@code <dataDir>/segments}, their
 * index rows, day keys and reported gaps in the RocksDB index, and the fsck that checks
 * files, rows and keys against each other. Ingest's recorded segments enter here on append;
 * the gateway's playback reads them back here; the purge daemon's erases end here.
 * Implementation of {@link io.vigil.storage.SegmentStore}; other modules never import it.
 */
package io.vigil.storage.segments;
