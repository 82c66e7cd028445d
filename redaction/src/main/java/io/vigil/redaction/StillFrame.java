package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.time.Instant;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded picture of stored footage as a JPEG, for the page where staff mark the
 * requester: the first frame shown at or after a time. Decoded in memory from the
 * decrypted segments (nothing touches the disk); the frame's own time and size come with
 * it so the page can place a mark on exactly that frame. Blocking: call from a worker.
 *
 * @param at the wall-clock time of the frame returned (the mark's time)
 */
public record StillFrame(Instant at, int width, int height, byte[] jpeg) {

    /**
     * The first frame at or after {@code at} and before {@code to}.
     *
     * @throws RedactionException when there is no frame there (no footage) or a segment cannot be decoded
     */
    public static StillFrame first(SegmentSource source, Instant at, Instant to) {
        StillFrame[] found = new StillFrame[1];
        SegmentDecoder decoder = new SegmentDecoder(source, at, to, new StageTimes());
        try (Mat lent = new Mat()) {
            decoder.run(new SegmentDecoder.FrameSink() {
                @Override
                public Mat next() {
                    return lent;
                }

                @Override
                public void frame(Mat bgr, Instant frameAt, double frameRate) {
                    found[0] = encode(bgr, frameAt);
                    throw new Found();
                }
            });
        } catch (Found done) {
            return found[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedactionException("reading a frame of camera " + source.cameraId() + " was interrupted");
        }
        throw new RedactionException("camera " + source.cameraId() + " has no footage between " + at + " and " + to
                + "; nothing to show");
    }

    private static StillFrame encode(Mat bgr, Instant at) {
        try (BytePointer buf = new BytePointer()) {
            if (!imencode(".jpg", bgr, buf)) throw new RedactionException("the frame at " + at + " cannot be encoded as JPEG");
            byte[] jpeg = new byte[(int) buf.limit()];
            buf.get(jpeg);
            return new StillFrame(at, bgr.cols(), bgr.rows(), jpeg);
        }
    }

    /** Stops the decoder once the frame is found (the decoder closes its grabber on the way out). */
    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }
}
