package io.vigil.ingest.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growable big-endian buffer for writing ISO BMFF boxes: {@link #begin} writes a size
 * placeholder and the type, {@link #end} patches the size once the content is known.
 */
final class Mp4Boxes {
    private byte[] buf;
    private int len;
    private final int[] open = new int[16];
    private int depth;

    Mp4Boxes(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    Mp4Boxes begin(String type) {
        open[depth++] = len;
        u32(0);
        fourcc(type);
        return this;
    }

    /** A full box: type, then version and flags. */
    Mp4Boxes beginFull(String type, int version, int flags) {
        begin(type);
        return u32(((long) version << 24) | (flags & 0xFFFFFF));
    }

    Mp4Boxes end() {
        int start = open[--depth];
        int size = len - start;
        buf[start] = (byte) (size >>> 24);
        buf[start + 1] = (byte) (size >>> 16);
        buf[start + 2] = (byte) (size >>> 8);
        buf[start + 3] = (byte) size;
        return this;
    }

    Mp4Boxes u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    Mp4Boxes u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    Mp4Boxes u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    Mp4Boxes u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFF_FFFFL);
    }

    Mp4Boxes zeros(int n) {
        ensure(n);
        len += n; // the array is zero-filled and never reused
        return this;
    }

    Mp4Boxes fourcc(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    Mp4Boxes bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    Mp4Boxes bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** The unity transformation matrix of mvhd/tkhd. */
    Mp4Boxes matrix() {
        return u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    int length() {
        return len;
    }

    /** Overwrites a 32-bit value written earlier (trun's data offset). */
    void patchU32(int at, long v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    byte[] toByteArray() {
        return len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
    }

    void writeTo(ByteArrayOutputStream out) {
        out.write(buf, 0, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}
