package io.vigil.gateway.preview;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import io.vigil.redaction.FfmpegLog;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Small JPEG pictures of the keyframe that starts each stored segment, for the preview
 * while scrubbing the timeline. Every segment begins with a sync picture and decodes
 * alone (docs/segment-format.md, rule 1), so a thumbnail costs decoding one picture of one
 * segment; nothing else of the footage is decoded.
 *
 * <p>A thumbnail is footage: callers serve it only inside a viewing grant. Decoded pictures
 * stay in memory (a bounded cache of the last {@value #CACHE_ENTRIES}), never on disk.
 */
public final class KeyframeThumbnails {
    /** Wide enough to recognise a scene in a hover preview, small enough to be a few KiB. */
    public static final int WIDTH = 240;
    static final int CACHE_ENTRIES = 512;
    private static final float JPEG_QUALITY = 0.7f;

    /** A segment's keyframe as a JPEG, and the footage time it shows. */
    public record Thumbnail(Instant time, byte[] jpeg) {}

    static {
        FfmpegLog.errorsOnly();
    }

    private final SegmentStore store;
    private final Map<String, Thumbnail> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Thumbnail> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public KeyframeThumbnails(SegmentStore store) {
        this.store = store;
    }

    /**
     * The keyframe of the segment recorded at {@code at} (the picture at or before it), or
     * empty when nothing is recorded then. A segment that fails authentication throws the
     * store's exception: the caller reports it, never shows another picture instead.
     */
    public Optional<Thumbnail> at(CameraId camera, Instant at) {
        List<SegmentInfo> around = store.list(camera, at, at.plusMillis(1));
        if (around.isEmpty()) return Optional.empty();
        SegmentInfo seg = around.get(0);
        String key = camera + "/" + seg.key();
        synchronized (cache) {
            Thumbnail hit = cache.get(key);
            if (hit != null) return Optional.of(hit);
        }
        Thumbnail made = new Thumbnail(seg.start(), jpeg(scaled(firstPicture(store.read(seg.key()), camera, seg.start()))));
        synchronized (cache) {
            cache.put(key, made);
        }
        return Optional.of(made);
    }

    private static BufferedImage firstPicture(byte[] fmp4, CameraId camera, Instant start) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(new ByteArrayInputStream(fmp4), 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            g.setFormat("mp4");
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f = g.grabImage();
            if (f == null) throw new ThumbnailException("the segment of camera " + camera + " starting " + start + " holds no picture");
            // The converter's image shares the frame's buffer, which the grabber reuses: copy it now.
            BufferedImage shared = converter.convert(f);
            BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            copy.getGraphics().drawImage(shared, 0, 0, null);
            g.stop();
            return copy;
        } catch (FrameGrabber.Exception e) {
            throw new ThumbnailException("the segment of camera " + camera + " starting " + start + " cannot be decoded: " + e.getMessage());
        }
    }

    private static BufferedImage scaled(BufferedImage full) {
        int height = Math.max(1, Math.round((float) full.getHeight() * WIDTH / full.getWidth()));
        BufferedImage small = new BufferedImage(WIDTH, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, WIDTH, height, null);
        g.dispose();
        return small;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen short of a JDK fault
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A stored segment that is present and authentic but holds no decodable picture. */
    public static final class ThumbnailException extends RuntimeException {
        ThumbnailException(String message) {
            super(message);
        }
    }
}
