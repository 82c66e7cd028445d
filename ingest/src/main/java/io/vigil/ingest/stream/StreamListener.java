package io.vigil.ingest.stream;

/**
 * Receives what one camera's RTSP session delivers, whether Vigil pulled it or a
 * publisher pushed it. Methods are called from a Netty event loop, one thread per
 * session at a time: implementations must not block (hand disk work to an executor).
 */
public interface StreamListener {
    /** A session started; audio and other tracks were already left out. */
    void onStart(VideoTrack track);

    /**
     * One RTP packet of the video track, header included, exactly as received
     * (interleaved frame payload or UDP datagram). The array is owned by the listener.
     */
    void onRtp(byte[] packet);

    /** The session ended (TEARDOWN, disconnect, timeout, error); reason in words. */
    void onEnd(String reason);
}
