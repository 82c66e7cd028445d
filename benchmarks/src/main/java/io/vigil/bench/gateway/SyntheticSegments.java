package io.vigil.bench.gateway;

import io.vigil.gateway.TestFootage;
import io.vigil.storage.format.BoxReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/**
 * Segments of the size a 4 Mbit/s camera writes every 2 s, made from the test footage's first
 * segment: its init and first moof, the moof's decode time set for the segment's position,
 * then an mdat of {@link GatewayViewersBench#SEGMENT_BYTES} random bytes.
 */
final class SyntheticSegments {
    private final byte[] template;
    private final int initLen;
    private final long timescale;

    private SyntheticSegments(byte[] template) {
        this.template = template;
        this.initLen = BoxReader.initLength(template);
        this.timescale = BoxReader.timescale(template, initLen);
    }

    static SyntheticSegments fromTestFootage() {
        return new SyntheticSegments(TestFootage.segments().get(0));
    }

    /** The segment at position {@code i} of a clip (decode time 2 i seconds), its payload from {@code random}. */
    byte[] segment(int i, Random random) {
        int size = GatewayViewersBench.SEGMENT_BYTES;
        List<BoxReader.Box> boxes = BoxReader.children(template, initLen, template.length);
        BoxReader.Box moof = BoxReader.find(boxes, "moof");
        byte[] out = new byte[initLen + moof.size() + 8 + size];
        System.arraycopy(template, 0, out, 0, initLen + moof.size());
        ByteBuffer.wrap(out, initLen + moof.size(), 8).putInt(8 + size).put("mdat".getBytes());
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        System.arraycopy(payload, 0, out, initLen + moof.size() + 8, size);
        setDecodeTime(out, initLen, initLen + moof.size(), 2L * i * timescale);
        return out;
    }

    private static void setDecodeTime(byte[] data, int from, int to, long value) {
        for (BoxReader.Box b : BoxReader.children(data, from, to)) {
            if (!b.type().equals("moof")) continue;
            for (BoxReader.Box traf : BoxReader.children(data, b.bodyOffset(), b.end())) {
                if (!traf.type().equals("traf")) continue;
                BoxReader.Box tfdt = BoxReader.find(BoxReader.children(data, traf.bodyOffset(), traf.end()), "tfdt");
                int p = tfdt.bodyOffset();
                if ((data[p] & 0xFF) == 1) ByteBuffer.wrap(data).putLong(p + 4, value);
                else ByteBuffer.wrap(data).putInt(p + 4, (int) value);
            }
        }
    }
}
