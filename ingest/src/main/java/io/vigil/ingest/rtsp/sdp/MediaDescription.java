package io.vigil.ingest.rtsp.sdp;

import java.util.List;
import java.util.Map;

/**
 * One m= section of an SDP.
 *
 * @param media      media type in lower case ("video", "audio", "application", ...)
 * @param port       port from the m= line (0 for RTSP-described sessions usually)
 * @param protocol   transport protocol, e.g. "RTP/AVP"
 * @param formats    payload types listed on the m= line, in order
 * @param rtpmaps    a=rtpmap per payload type
 * @param fmtps      a=fmtp parameters per payload type, keys in lower case
 * @param control    a=control value as written (unresolved), or null
 * @param attributes every a= line of the section as name to value ("" for flags), first wins
 */
public record MediaDescription(
        String media,
        int port,
        String protocol,
        List<Integer> formats,
        Map<Integer, RtpMap> rtpmaps,
        Map<Integer, Map<String, String>> fmtps,
        String control,
        Map<String, String> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        rtpmaps = Map.copyOf(rtpmaps);
        fmtps = Map.copyOf(fmtps);
        attributes = Map.copyOf(attributes);
    }

    /** a=rtpmap:PT ENCODING/CLOCK[/CHANNELS]; encoding in upper case. */
    public record RtpMap(int payloadType, String encoding, int clockRate) {}
}
