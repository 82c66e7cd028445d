package io.vigil.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A response body produced piece by piece on a worker thread (segment reads and
 * decryption block, so never on the event loop). Returns null when done.
 */
public interface BodySource extends AutoCloseable {
    ByteBuf next(ByteBufAllocator alloc) throws Exception;

    @Override
    default void close() {}
}
