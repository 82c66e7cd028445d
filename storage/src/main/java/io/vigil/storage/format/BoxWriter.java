package io.vigil.storage.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A growable big-endian buffer for writing ISO BMFF boxes: {@link #begin} writes a size
 * placeholder and the type, {@link #end} patches the size once the content is known.
 * The writing half of the segment format ({@link SegmentFormat}); {@link BoxReader} is
 * the reading half.
 */
public final class BoxWriter {
    private byte[] buf;
    private int len;
    private final int[] open = new int[16];
    private int depth;

    public BoxWriter(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    public BoxWriter begin(String type) {
        open[depth++] = len;
        u32(0);
        fourcc(type);
        return this;
    }

    /** A full box: type, then version and flags. */
    public BoxWriter beginFull(String type, int version, int flags) {
        begin(type);
        return u32(((long) version << 24) | (flags & 0xFFFFFF));
    }

    public BoxWriter end() {
        int start = open[--depth];
        int size = len - start;
        buf[start] = (byte) (size >>> 24);
        buf[start + 1] = (byte) (size >>> 16);
        buf[start + 2] = (byte) (size >>> 8);
        buf[start + 3] = (byte) size;
        return this;
    }

    public BoxWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFF_FFFFL);
    }

    public BoxWriter zeros(int n) {
        ensure(n);
        len += n; // the array is zero-filled and never reused
        return this;
    }

    public BoxWriter fourcc(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    public BoxWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BoxWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** The unity transformation matrix of mvhd/tkhd. */
    public BoxWriter matrix() {
        return u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000);
    }

    public int length() {
        return len;
    }

    /** Overwrites a 32-bit value written earlier (trun's data offset). */
    public void patchU32(int at, long v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    public byte[] toByteArray() {
        return len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
    }

    public void writeTo(ByteArrayOutputStream out) {
        out.write(buf, 0, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}
