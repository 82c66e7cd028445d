package io.vigil.gateway.export;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vigil.gateway.http.BodySource;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** SHA-256 (for the manifest), CRC-32 (for the zip entry) and size of a clip, in one pass. */
record ClipDigest(String sha256, long crc32, long bytes) {
    static ClipDigest of(BodySource source) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        CRC32 crc = new CRC32();
        long n = 0;
        try (source) {
            ByteBuf b;
            while ((b = source.next(ByteBufAllocator.DEFAULT)) != null) {
                try {
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    sha.update(bytes);
                    crc.update(bytes);
                    n += bytes.length;
                } finally {
                    b.release();
                }
            }
        }
        return new ClipDigest(HexFormat.of().formatHex(sha.digest()), crc.getValue(), n);
    }
}
