package io.vigil.ingest.rtsp.sdp;

import io.vigil.ingest.stream.VideoTrack;

import java.util.Map;

/** Writes the SDP Vigil's RTSP server returns to DESCRIBE for a served {@code RtpSource}. */
public final class SdpWriter {
    /** The control name of the one track Vigil serves; SETUP must address it. */
    public static final String TRACK_CONTROL = "trackID=0";

    private SdpWriter() {}

    /** The source a SETUP path addresses: {@code name/trackID=0} or {@code name} → {@code name}; null stays null. */
    public static String sourceOfTrack(String path) {
        if (path == null) return null;
        return path.endsWith("/" + TRACK_CONTROL) ? path.substring(0, path.length() - TRACK_CONTROL.length() - 1) : path;
    }

    public static String describe(VideoTrack track, String sessionName, String host) {
        StringBuilder b = new StringBuilder();
        b.append("v=0\r\n");
        b.append("o=- 0 0 IN IP4 ").append(host).append("\r\n");
        b.append("s=").append(sessionName).append("\r\n");
        b.append("c=IN IP4 0.0.0.0\r\n");
        b.append("t=0 0\r\n");
        b.append("a=control:*\r\n");
        b.append("a=tool:vigil\r\n");
        b.append("m=video 0 RTP/AVP ").append(track.payloadType()).append("\r\n");
        b.append("a=rtpmap:").append(track.payloadType()).append(' ').append(track.encoding())
                .append('/').append(track.clockRate()).append("\r\n");
        if (!track.fmtp().isEmpty()) {
            b.append("a=fmtp:").append(track.payloadType()).append(' ');
            boolean first = true;
            for (Map.Entry<String, String> e : track.fmtp().entrySet()) {
                if (!first) b.append("; ");
                first = false;
                b.append(e.getKey());
                if (!e.getValue().isEmpty()) b.append('=').append(e.getValue());
            }
            b.append("\r\n");
        }
        b.append("a=control:").append(TRACK_CONTROL).append("\r\n");
        return b.toString();
    }
}
