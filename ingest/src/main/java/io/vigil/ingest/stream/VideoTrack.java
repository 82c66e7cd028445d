package io.vigil.ingest.stream;

import java.util.Map;

/**
 * The one video media section of an SDP that a recorder receives.
 *
 * @param encoding    encoding name from a=rtpmap, upper case: "H264" or "H265"
 * @param payloadType RTP payload type
 * @param clockRate   RTP clock rate (90000 for video)
 * @param control     a=control value, resolved against the session URL when relative
 * @param fmtp        a=fmtp parameters (e.g. sprop-parameter-sets, sprop-vps/sps/pps,
 *                    packetization-mode), keys in lower case
 */
public record VideoTrack(String encoding, int payloadType, int clockRate, String control, Map<String, String> fmtp) {
    public VideoTrack {
        fmtp = fmtp == null ? Map.of() : Map.copyOf(fmtp);
    }
}
