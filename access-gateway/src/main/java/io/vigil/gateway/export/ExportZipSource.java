package io.vigil.gateway.export;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vigil.gateway.http.BodySource;
import io.vigil.gateway.media.AssembledVideo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams the export zip (the clips, manifest.json, manifest.sig, all STORED: video does
 * not compress) without writing decrypted footage to disk. Each clip is produced a second
 * time from the segments; if one no longer hashes to what the manifest says (a segment
 * erased or damaged between the two passes), the download is aborted rather than
 * completed wrong.
 */
final class ExportZipSource implements BodySource {
    /** One clip of the export: its file name, its video, and what the first pass measured. */
    record Clip(String name, AssembledVideo video, ClipDigest digest) {}

    private final List<Clip> clips;
    private final byte[] manifest;
    private final byte[] signature;
    private final Buffer out = new Buffer();
    private final ZipOutputStream zip = new ZipOutputStream(out);
    private int clipIndex;
    private BodySource current;
    private MessageDigest sha;
    private boolean finished;

    ExportZipSource(List<Clip> clips, byte[] manifest, byte[] signature) {
        this.clips = clips;
        this.manifest = manifest;
        this.signature = signature;
    }

    @Override
    public ByteBuf next(ByteBufAllocator alloc) throws Exception {
        while (out.size() == 0 && !finished) step(alloc);
        if (out.size() == 0) return null;
        ByteBuf b = Unpooled.wrappedBuffer(out.toByteArray());
        out.reset();
        return b;
    }

    private void step(ByteBufAllocator alloc) throws Exception {
        if (clipIndex < clips.size()) {
            clipStep(alloc, clips.get(clipIndex));
            return;
        }
        writeSmall(ExportFormat.MANIFEST, manifest);
        writeSmall(ExportFormat.SIGNATURE, signature);
        zip.finish();
        finished = true;
    }

    private void clipStep(ByteBufAllocator alloc, Clip clip) throws Exception {
        if (current == null) {
            zip.putNextEntry(stored(clip.name(), clip.digest().bytes(), clip.digest().crc32()));
            current = clip.video().body(0, clip.video().length() - 1);
            sha = sha256();
            return;
        }
        ByteBuf b = current.next(alloc);
        if (b == null) {
            zip.closeEntry();
            current.close();
            current = null;
            if (!HexFormat.of().formatHex(sha.digest()).equals(clip.digest().sha256())) {
                throw new IOException(clip.name() + " changed while exporting (footage erased or damaged meanwhile); export aborted");
            }
            clipIndex++;
            return;
        }
        try {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            sha.update(bytes);
            zip.write(bytes);
        } finally {
            b.release();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
        if (current != null) current.close();
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 18);
        }
    }
}
