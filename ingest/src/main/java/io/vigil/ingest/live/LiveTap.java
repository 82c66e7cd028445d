package io.vigil.ingest.live;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Fmp4Writer;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.storage.LiveViewer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One camera's live pictures: turns each access unit, as it arrives, into a one-picture
 * fragment (prft + moof + mdat) for the viewers watching, and keeps the pictures since
 * the last keyframe so a new viewer gets a decodable start at once.
 *
 * <p>Fragments are built only while a viewer is attached (issue 12): without one, a
 * picture costs a list of references to the NAL units the recorder already holds (no byte
 * is copied) and its timing; a viewer who arrives gets the pictures since the keyframe
 * built then, and every later picture as it comes. Most cameras are not watched most of
 * the time, and copying every picture into a fragment was the live wall's largest cost to
 * ingest (docs/benchmarks.md, {@code ingest}).
 *
 * <p>Decode time is the RTP timestamp from the stream's first keyframe; a picture's
 * duration is the interval before it (the next one is not known yet when it is sent, and
 * the next fragment's decode time sets the real position). Pictures must arrive in
 * presentation order (no B-frames), as cameras send for live streams; a stream with
 * reordered pictures is clamped to increasing decode times (shown slightly out of order).
 *
 * <p>Synchronized: fed by the camera's session thread, watched from the gateway's threads.
 * Viewers are called under the lock and must not block ({@link LiveViewer}).
 */
public final class LiveTap {
    static final int DEFAULT_DURATION = Fmp4Writer.TIMESCALE / 25;
    /** An interval longer than this is a jump (camera restarted its clock), not a frame interval. */
    static final long MAX_INTERVAL = 5L * Fmp4Writer.TIMESCALE;
    /** Most memory the pictures since the last keyframe may hold; beyond, new viewers wait for a keyframe. */
    static final long MAX_GOP_BYTES = 16L << 20;

    /** A picture as it arrived, its fragment not built yet: the NAL units are the recorder's, shared, never changed. */
    private record Picture(List<byte[]> nals, boolean keyframe, long sequence, long decodeTime, int duration, long arrivalMillis,
                           long bytes) {}

    private final Clock clock;
    private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
    private final List<Picture> gop = new ArrayList<>();
    private long gopBytes;

    private VideoCodec codec;
    private CodecConfig.Tracker tracker;
    private CodecConfig config;
    private byte[] init;
    private String codecs;
    /** A new timeline starts at the next keyframe (new session, new parameter sets, timestamp jump). */
    private boolean restart = true;
    private long firstTimestamp;
    private long lastTimestamp;
    private long lastDecodeTime;
    private int lastDuration = DEFAULT_DURATION;
    private long sequence;
    /** Fragments built so far (what the lazy building saves shows here; tests). */
    private long fragmentsBuilt;

    public LiveTap(Clock clock) {
        this.clock = clock;
    }

    /** A session starts: parameter sets from the SDP (may be empty); pictures wait for a keyframe. */
    public synchronized void startSession(VideoCodec codec, List<byte[]> sdpParameterSets) {
        this.codec = codec;
        this.tracker = new CodecConfig.Tracker(codec);
        for (byte[] nal : sdpParameterSets) tracker.offer(nal);
        restart = true;
        clearGop();
    }

    /** The session ended: nothing to start a new viewer with until the next session. */
    public synchronized void endSession() {
        tracker = null;
        restart = true;
        clearGop();
    }

    /** One picture as the depacketizer delivered it. */
    public synchronized void picture(AccessUnit au) throws RtpParseException {
        if (tracker == null) return;
        List<byte[]> pictureNals = new ArrayList<>(au.nals().size());
        for (byte[] nal : au.nals()) {
            if (!tracker.offer(nal)) pictureNals.add(nal);
        }
        if (pictureNals.isEmpty()) return;
        long ts = au.timestamp();
        if (!restart && Math.abs(ts - lastTimestamp) > MAX_INTERVAL) restart = true;
        if (au.keyframe()) {
            CodecConfig now = tracker.config();
            if (now == null) return;
            if (!now.sameAs(config)) {
                config = now;
                init = Fmp4Writer.init(now);
                codecs = CodecsString.of(now);
                restart = true;
            }
            if (restart) {
                startTimeline(ts);
            }
        } else if (restart) {
            return; // nothing decodable before the first keyframe
        }
        if (sequence > 0) {
            long interval = ts - lastTimestamp;
            if (interval > 0 && interval <= MAX_INTERVAL) lastDuration = (int) interval;
        }
        long decodeTime = Math.max(ts - firstTimestamp, sequence == 0 ? 0 : lastDecodeTime + 1);
        lastTimestamp = ts;
        lastDecodeTime = decodeTime;
        long bytes = 0;
        for (byte[] nal : pictureNals) bytes += nal.length;
        Picture picture = new Picture(pictureNals, au.keyframe(), ++sequence, decodeTime, lastDuration, clock.millis(), bytes);
        keep(picture);
        if (viewers.isEmpty()) return; // nobody watches: no fragment
        byte[] fragment = fragment(picture);
        for (LiveViewer v : viewers) deliver(v, fragment, au.keyframe());
    }

    /** Starts sending to {@code viewer}: the init and the pictures since the last keyframe now, then each new one. */
    public synchronized AutoCloseable watch(LiveViewer viewer) {
        if (init != null && !gop.isEmpty()) {
            viewer.init(init, codecs);
            for (Picture p : gop) viewer.picture(fragment(p), p.keyframe());
        }
        viewers.add(viewer);
        return () -> viewers.remove(viewer);
    }

    public int viewers() {
        return viewers.size();
    }

    synchronized long fragmentsBuilt() {
        return fragmentsBuilt;
    }

    private void startTimeline(long ts) {
        restart = false;
        firstTimestamp = ts;
        sequence = 0;
        lastDecodeTime = 0;
        for (LiveViewer v : viewers) {
            try {
                v.init(init, codecs);
            } catch (RuntimeException e) {
                viewers.remove(v);
            }
        }
    }

    private byte[] fragment(Picture p) {
        fragmentsBuilt++;
        byte[] boxes = Fmp4Writer.fragment(p.sequence(), p.decodeTime(),
                List.of(new Fmp4Writer.Sample(p.nals(), p.duration(), p.keyframe())));
        byte[] out = new byte[Prft.SIZE + boxes.length];
        Prft.write(out, 1, java.time.Instant.ofEpochMilli(p.arrivalMillis()), p.decodeTime());
        System.arraycopy(boxes, 0, out, Prft.SIZE, boxes.length);
        return out;
    }

    private void keep(Picture p) {
        if (p.keyframe()) clearGop();
        if (gopBytes + p.bytes() > MAX_GOP_BYTES) {
            clearGop();
            return;
        }
        if (!gop.isEmpty() || p.keyframe()) {
            gop.add(p);
            gopBytes += p.bytes();
        }
    }

    private void clearGop() {
        gop.clear();
        gopBytes = 0;
    }

    private void deliver(LiveViewer v, byte[] fragment, boolean keyframe) {
        try {
            v.picture(fragment, keyframe);
        } catch (RuntimeException e) {
            viewers.remove(v); // a broken viewer never stops the recording
        }
    }
}
