package io.vigil.gateway.media;

import io.vigil.storage.format.BoxReader;
import io.vigil.storage.format.BoxReader.Box;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a joined video's length into its init (ftyp + moov), so a player that reads only
 * the movie header (not every fragment) shows the right length: {@code mvhd} and
 * {@code tkhd} durations in the movie timescale, {@code mdhd} in the media timescale, and
 * a {@code mehd} (movie extends header, ISO/IEC 14496-12 8.8.2) inside {@code mvex}, added
 * when the segment's init has none. Stored segments carry duration 0 there because a
 * recorder does not know a segment's length when it writes the init.
 */
public final class MovieHeaders {
    private MovieHeaders() {}

    /** A copy of {@code init} stating {@code durationMillis}; the input is not changed. */
    public static byte[] withDuration(byte[] init, long durationMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(init.length + 20);
        for (Box top : BoxReader.children(init, 0, init.length)) {
            if (top.type().equals("moov")) out.writeBytes(moov(init, top, Math.max(0, durationMillis)));
            else out.write(init, top.offset(), top.size());
        }
        return out.toByteArray();
    }

    private static byte[] moov(byte[] init, Box moov, long millis) {
        byte[] copy = java.util.Arrays.copyOfRange(init, moov.offset(), moov.end());
        List<Box> children = BoxReader.children(copy, moov.headerSize(), copy.length);
        Box mvhd = BoxReader.find(children, "mvhd");
        if (mvhd == null) throw new IllegalArgumentException("init has no movie header (mvhd)");
        long movieScale = fieldAfterDates(copy, mvhd, 0);
        long movieDuration = millis * movieScale / 1000;
        setFieldAfterDates(copy, mvhd, 1, movieDuration);
        ByteArrayOutputStream body = new ByteArrayOutputStream(copy.length + 20);
        for (Box c : children) {
            switch (c.type()) {
                case "trak" -> {
                    patchTrack(copy, c, movieDuration, millis);
                    body.write(copy, c.offset(), c.size());
                }
                case "mvex" -> body.writeBytes(mvex(copy, c, movieDuration));
                default -> body.write(copy, c.offset(), c.size());
            }
        }
        return box("moov", body.toByteArray());
    }

    private static void patchTrack(byte[] data, Box trak, long movieDuration, long millis) {
        List<Box> parts = BoxReader.children(data, trak.bodyOffset(), trak.end());
        Box tkhd = BoxReader.find(parts, "tkhd");
        if (tkhd != null) {
            // tkhd: version/flags, creation, modification, track_ID (4), reserved (4), duration
            int v = data[tkhd.bodyOffset()] & 0xFF;
            int p = tkhd.bodyOffset() + 4 + (v == 1 ? 16 : 8) + 8;
            put(data, p, v == 1 ? 8 : 4, movieDuration);
        }
        Box mdia = BoxReader.find(parts, "mdia");
        if (mdia == null) return;
        Box mdhd = BoxReader.find(BoxReader.children(data, mdia.bodyOffset(), mdia.end()), "mdhd");
        if (mdhd == null) return;
        long mediaScale = fieldAfterDates(data, mdhd, 0);
        setFieldAfterDates(data, mdhd, 1, millis * mediaScale / 1000);
    }

    private static byte[] mvex(byte[] data, Box mvex, long movieDuration) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(mvex.size() + 20);
        List<Box> children = BoxReader.children(data, mvex.bodyOffset(), mvex.end());
        Box mehd = BoxReader.find(children, "mehd");
        if (mehd == null) {
            body.writeBytes(box("mehd", ByteBuffer.allocate(12).putInt(1 << 24).putLong(movieDuration).array()));
        } else {
            int v = data[mehd.bodyOffset()] & 0xFF;
            put(data, mehd.bodyOffset() + 4, v == 1 ? 8 : 4, movieDuration);
        }
        for (Box c : children) body.write(data, c.offset(), c.size());
        return box("mvex", body.toByteArray());
    }

    /** mvhd/mdhd: after version/flags and the two dates, field 0 is the timescale, field 1 the duration. */
    private static long fieldAfterDates(byte[] data, Box b, int field) {
        int v = data[b.bodyOffset()] & 0xFF;
        int p = b.bodyOffset() + 4 + (v == 1 ? 16 : 8);
        ByteBuffer bb = ByteBuffer.wrap(data);
        if (field == 0) return bb.getInt(p) & 0xFFFFFFFFL;
        return v == 1 ? bb.getLong(p + 4) : bb.getInt(p + 4) & 0xFFFFFFFFL;
    }

    private static void setFieldAfterDates(byte[] data, Box b, int field, long value) {
        int v = data[b.bodyOffset()] & 0xFF;
        int p = b.bodyOffset() + 4 + (v == 1 ? 16 : 8) + 4 * field;
        put(data, p, v == 1 && field == 1 ? 8 : 4, value);
    }

    private static void put(byte[] data, int p, int width, long value) {
        ByteBuffer bb = ByteBuffer.wrap(data);
        if (width == 8) bb.putLong(p, value);
        else bb.putInt(p, (int) Math.min(value, 0xFFFFFFFFL));
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body).array();
    }
}
