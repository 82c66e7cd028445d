package io.vigil.ingest.sim;

import io.vigil.config.CameraId;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.VideoTrack;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera of the simulator: a named {@link RtpSource} that pushes the same packets to
 * every subscriber (each gets its own copy; consumers own their arrays).
 */
public abstract class SimulatedCamera implements RtpSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedCamera.class);

    private final CameraId id;
    private final List<Consumer<byte[]>> subscribers = new CopyOnWriteArrayList<>();

    protected SimulatedCamera(CameraId id) {
        this.id = id;
    }

    public CameraId id() {
        return id;
    }

    @Override
    public AutoCloseable subscribe(Consumer<byte[]> rtpPacketConsumer) {
        subscribers.add(rtpPacketConsumer);
        subscribed();
        return () -> subscribers.remove(rtpPacketConsumer);
    }

    /** A viewer joined: live sources send a keyframe next so it can start decoding. */
    protected void subscribed() {}

    protected boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    protected void deliver(List<byte[]> packets) {
        for (Consumer<byte[]> s : subscribers) {
            for (byte[] p : packets) {
                try {
                    s.accept(p.clone());
                } catch (RuntimeException e) {
                    // one broken subscriber must not stop the camera for the others
                    log.warn("camera-sim {}: a subscriber failed, removing it: {}", id, e.toString());
                    subscribers.remove(s);
                    break;
                }
            }
        }
    }

    static VideoTrack h264Track(byte[] sps, byte[] pps, int payloadType) {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String profileLevelId = String.format("%02x%02x%02x", sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF);
        return new VideoTrack("H264", payloadType, 90000, "trackID=0", java.util.Map.of(
                "packetization-mode", "1",
                "profile-level-id", profileLevelId,
                "sprop-parameter-sets", b64.encodeToString(sps) + "," + b64.encodeToString(pps)));
    }

    @Override
    public abstract void close();
}
