package io.vigil.ingest.stream;

/**
 * A live source of RTP packets that Vigil's RTSP server can serve with DESCRIBE/PLAY
 * (used by {@code vigil camera-sim}): it gives the SDP video track and pushes packets to
 * subscribers until they unsubscribe.
 */
public interface RtpSource {
    /** The SDP media-level description (encoding, payload type, fmtp with parameter sets). */
    VideoTrack track();

    /** Starts delivering packets to the consumer; close the handle to stop. */
    AutoCloseable subscribe(java.util.function.Consumer<byte[]> rtpPacketConsumer);
}
