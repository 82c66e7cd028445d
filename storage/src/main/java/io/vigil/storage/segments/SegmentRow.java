package io.vigil.storage.segments;

import io.vigil.storage.StorageException;
import java.nio.ByteBuffer;

/**
 * Value of a row in the {@code segments} column family: format version, end time,
 * plaintext and stored sizes, and the segment key wrapped by its camera-day key. The
 * wrapped key lives only here, so deleting the row (and purging it from RocksDB) is
 * what destroys a segment.
 */
record SegmentRow(long endMillis, long plaintextBytes, long storedBytes, byte[] wrappedKey) {
    private static final byte VERSION = 1;

    byte[] encode() {
        return ByteBuffer.allocate(1 + 24 + 1 + wrappedKey.length)
                .put(VERSION).putLong(endMillis).putLong(plaintextBytes).putLong(storedBytes)
                .put((byte) wrappedKey.length).put(wrappedKey)
                .array();
    }

    static SegmentRow decode(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        byte version = b.get();
        if (version != VERSION) throw new StorageException("segment index row has unknown version " + version);
        long end = b.getLong();
        long plain = b.getLong();
        long stored = b.getLong();
        byte[] wrapped = new byte[b.get() & 0xff];
        b.get(wrapped);
        return new SegmentRow(end, plain, stored, wrapped);
    }

    /** Reads only the stored size, without copying the wrapped key (for sums over many rows). */
    static long storedBytesOf(byte[] value) {
        return ByteBuffer.wrap(value, 17, 8).getLong();
    }

    static long endMillisOf(byte[] value) {
        return ByteBuffer.wrap(value, 1, 8).getLong();
    }
}
