package io.vigil.ingest.recording;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RTP packets captured once from Debian's ffmpeg (10 frames of testsrc2 160x120, GOP 5,
 * pkt_size 400 so there are FUs; libx264 and libx265) and kept as test resources, so
 * property tests can mutate real packets without running ffmpeg each try. Format: per
 * packet a big-endian u16 length, then the packet.
 */
final class RealPackets {
    static final List<byte[]> H264 = load("h264-160x120.rtp");
    static final List<byte[]> H265 = load("h265-160x120.rtp");

    private RealPackets() {}

    private static List<byte[]> load(String name) {
        try (InputStream in = RealPackets.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            DataInputStream data = new DataInputStream(in);
            List<byte[]> packets = new ArrayList<>();
            while (true) {
                int len;
                try {
                    len = data.readUnsignedShort();
                } catch (EOFException end) {
                    return List.copyOf(packets);
                }
                byte[] p = new byte[len];
                data.readFully(p);
                packets.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
