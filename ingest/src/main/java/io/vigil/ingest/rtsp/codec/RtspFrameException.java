package io.vigil.ingest.rtsp.codec;

/**
 * The byte stream on an RTSP connection cannot be split into messages and interleaved
 * frames (garbage, a header or frame larger than allowed, a bad Content-Length). The
 * connection cannot be resynchronised after this and is closed.
 */
public final class RtspFrameException extends Exception {
    public RtspFrameException(String message) {
        super(message);
    }
}
