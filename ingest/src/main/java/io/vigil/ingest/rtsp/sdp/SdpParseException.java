package io.vigil.ingest.rtsp.sdp;

/**
 * An SDP document could not be understood. The message names the line (1-based) and
 * what is wrong with it, so an operator can compare it with the camera's DESCRIBE output.
 */
public final class SdpParseException extends Exception {
    private final int line;

    public SdpParseException(int line, String message) {
        super(line > 0 ? "SDP line " + line + ": " + message : "SDP: " + message);
        this.line = line;
    }

    /** 1-based line number, or 0 when the problem is the document as a whole. */
    public int line() {
        return line;
    }
}
