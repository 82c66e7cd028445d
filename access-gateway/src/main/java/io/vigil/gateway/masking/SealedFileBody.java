package io.vigil.gateway.masking;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vigil.gateway.http.BodySource;
import io.vigil.redaction.SealedFile;

/**
 * Bytes {@code first..last} of a sealed masked MP4, decrypted 64 KiB at a time on the
 * gateway's worker thread as the connection takes them (Range requests let the browser read
 * the {@code moov} at the end first and seek).
 */
public final class SealedFileBody implements BodySource {
    private static final int CHUNK = 64 * 1024;
    private final SealedFile file;
    private final long last;
    private long pos;

    public SealedFileBody(SealedFile file, long first, long last) {
        this.file = file;
        this.pos = first;
        this.last = last;
    }

    @Override
    public ByteBuf next(ByteBufAllocator alloc) throws Exception {
        if (pos > last) return null;
        int n = (int) Math.min(CHUNK, last - pos + 1);
        byte[] b = new byte[n];
        int got = file.read(pos, b, 0, n);
        if (got <= 0) return null;
        pos += got;
        return alloc.buffer(got).writeBytes(b, 0, got);
    }
}
