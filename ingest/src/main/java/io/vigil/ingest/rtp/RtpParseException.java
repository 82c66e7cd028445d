package io.vigil.ingest.rtp;

/**
 * The one exception the media parsers (RTP header, H.264/H.265 payloads, SPS) declare:
 * the bytes are not what the RFC says. Callers count it, log it and move on; a camera
 * sending garbage never stops the recorder.
 */
public final class RtpParseException extends Exception {
    public RtpParseException(String message) {
        super(message);
    }
}
