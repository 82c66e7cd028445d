package io.vigil.ingest.live;

import io.vigil.config.CameraId;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import io.vigil.storage.LiveViewer.Source;

/**
 * One viewer of a camera with a {@code liveUrl}: it gets the live stream's pictures while
 * that stream works; when the stream fails ({@link #fallBack}), the recorded stream's
 * pictures instead, so the tile keeps a picture; and the live stream's again from its next
 * init (the stream is back). The viewer is told which ({@link LiveViewer#source}) before the
 * init of the stream that follows, and never gets a picture of one stream after the init of
 * the other.
 *
 * <p>Locks: both taps call in under their own lock, then take this one (tap, then this).
 * So this object never calls into a tap while holding its own lock: the recorded tap is
 * watched after it is released. Closing a tap's handle takes no lock.
 */
final class FallbackViewer {
    private final CameraId cameraId;
    private final LiveViewer viewer;
    private final LiveFeeds recorded;
    private final Runnable onLiveBack;
    private boolean onRecorded;
    private boolean closed;
    private AutoCloseable recordedWatch;

    /**
     * @param onLiveBack called (without blocking, under this object's lock) when the live
     *     stream's pictures come again after a fall back
     */
    FallbackViewer(CameraId cameraId, LiveViewer viewer, LiveFeeds recorded, Runnable onLiveBack) {
        this.cameraId = cameraId;
        this.viewer = viewer;
        this.recorded = recorded;
        this.onLiveBack = onLiveBack;
    }

    /** What watches the live stream's tap. */
    LiveViewer live() {
        return new StreamSide(false);
    }

    /** One stream's init and pictures on their way to the viewer: the live stream's or the recorded stream's. */
    private final class StreamSide implements LiveViewer {
        private final boolean recordedStream;

        StreamSide(boolean recordedStream) {
            this.recordedStream = recordedStream;
        }

        @Override
        public void init(byte[] initSegment, String codecs) {
            if (recordedStream) recordedInit(initSegment, codecs);
            else liveInit(initSegment, codecs);
        }

        @Override
        public void picture(byte[] fragment, boolean keyframe) {
            FallbackViewer.this.picture(recordedStream, fragment, keyframe);
        }
    }

    private synchronized void liveInit(byte[] init, String codecs) {
        if (closed) return;
        if (onRecorded) {
            onRecorded = false;
            stopRecorded();
            viewer.source(Source.LIVE_STREAM);
            onLiveBack.run();
        }
        viewer.init(init, codecs);
    }

    private synchronized void recordedInit(byte[] init, String codecs) {
        if (onRecorded && !closed) viewer.init(init, codecs);
    }

    /** A picture reaches the viewer only from the stream it is on now. */
    private synchronized void picture(boolean fromRecordedStream, byte[] fragment, boolean keyframe) {
        if (onRecorded == fromRecordedStream && !closed) viewer.picture(fragment, keyframe);
    }

    /** The live stream failed: the recorded stream's pictures from now on, until the live stream's next init. */
    void fallBack() {
        synchronized (this) {
            if (onRecorded || closed) return;
            onRecorded = true;
            viewer.source(Source.RECORDED_STREAM);
        }
        // Outside this object's lock: the recorded tap sends its init and keyframe group at once, under its own.
        AutoCloseable watch = recorded.watch(cameraId, new StreamSide(true));
        synchronized (this) {
            if (onRecorded && !closed && recordedWatch == null) {
                recordedWatch = watch;
                return;
            }
        }
        closeQuietly(watch); // the live stream came back (or the viewer left) meanwhile
    }

    /** The viewer left. */
    synchronized void close() {
        closed = true;
        stopRecorded();
    }

    private void stopRecorded() {
        AutoCloseable w = recordedWatch;
        recordedWatch = null;
        if (w != null) closeQuietly(w);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a tap's handle only forgets the viewer
        }
    }
}
