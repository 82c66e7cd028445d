package io.vigil.gateway.export;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vigil.gateway.http.BodySource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams the export zip (clip.mp4, manifest.json, manifest.sig, all STORED: video does
 * not compress) without writing decrypted footage to disk. The clip is produced a second
 * time from the segments; if it no longer hashes to what the manifest says (a segment
 * erased between the two passes), the download is aborted rather than completed wrong.
 */
final class ExportZipSource implements BodySource {
    private final BodySource clip;
    private final ClipDigest expected;
    private final byte[] manifest;
    private final byte[] signature;
    private final Buffer out = new Buffer();
    private final ZipOutputStream zip = new ZipOutputStream(out);
    private final MessageDigest sha;
    private int stage;

    ExportZipSource(BodySource clip, ClipDigest expected, byte[] manifest, byte[] signature) {
        this.clip = clip;
        this.expected = expected;
        this.manifest = manifest;
        this.signature = signature;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ByteBuf next(ByteBufAllocator alloc) throws Exception {
        while (out.size() == 0 && stage < 4) step(alloc);
        if (out.size() == 0) return null;
        ByteBuf b = Unpooled.wrappedBuffer(out.toByteArray());
        out.reset();
        return b;
    }

    private void step(ByteBufAllocator alloc) throws Exception {
        switch (stage) {
            case 0 -> {
                zip.putNextEntry(stored(ExportFormat.CLIP, expected.bytes(), expected.crc32()));
                stage = 1;
            }
            case 1 -> {
                ByteBuf b = clip.next(alloc);
                if (b == null) {
                    zip.closeEntry();
                    if (!java.util.HexFormat.of().formatHex(sha.digest()).equals(expected.sha256())) {
                        throw new IOException("the clip changed while exporting (footage erased meanwhile); export aborted");
                    }
                    stage = 2;
                } else {
                    try {
                        byte[] bytes = new byte[b.readableBytes()];
                        b.readBytes(bytes);
                        sha.update(bytes);
                        zip.write(bytes);
                    } finally {
                        b.release();
                    }
                }
            }
            case 2 -> {
                writeSmall(ExportFormat.MANIFEST, manifest);
                writeSmall(ExportFormat.SIGNATURE, signature);
                stage = 3;
            }
            case 3 -> {
                zip.finish();
                stage = 4;
            }
            default -> { }
        }
    }

    private void writeSmall(String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(stored(name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return e;
    }

    @Override
    public void close() {
        clip.close();
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 18);
        }
    }
}
