package io.vigil.ingest.rtsp;

/** The peer said something RTSP does not allow (bad header, unexpected response); message says what. */
public class RtspProtocolException extends Exception {
    public RtspProtocolException(String message) {
        super(message);
    }
}
