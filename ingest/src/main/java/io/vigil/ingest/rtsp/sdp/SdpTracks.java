package io.vigil.ingest.rtsp.sdp;

import io.vigil.ingest.stream.VideoTrack;

import java.util.Optional;

/** Picks, from a parsed SDP, what a recorder sets up: the first H.264/H.265 video section. */
public final class SdpTracks {
    private SdpTracks() {}

    /**
     * The first video section whose first listed payload type with an rtpmap is H264 or
     * H265, with its control URL resolved against {@code baseUrl}.
     */
    public static Optional<VideoTrack> firstVideoTrack(SessionDescription sdp, String baseUrl) {
        String sessionBase = sdp.control() != null && !sdp.control().equals("*")
                ? ControlUrl.resolve(baseUrl, sdp.control()) : baseUrl;
        for (MediaDescription m : sdp.media()) {
            if (!m.media().equals("video")) continue;
            for (int pt : m.formats()) {
                MediaDescription.RtpMap map = m.rtpmaps().get(pt);
                if (map == null) continue;
                if (map.encoding().equals("H264") || map.encoding().equals("H265")) {
                    return Optional.of(new VideoTrack(map.encoding(), pt, map.clockRate(),
                            ControlUrl.resolve(sessionBase, m.control()), m.fmtps().getOrDefault(pt, java.util.Map.of())));
                }
            }
        }
        return Optional.empty();
    }

    /** True when the SDP offers audio; the caller logs that it is ignored (PIPA Art. 25(5)). */
    public static boolean hasAudio(SessionDescription sdp) {
        return sdp.media().stream().anyMatch(m -> m.media().equals("audio"));
    }

    /** A short description of what the SDP offers, for error messages ("video H264/96, audio MPEG4-GENERIC/97"). */
    public static String summary(SessionDescription sdp) {
        StringBuilder b = new StringBuilder();
        for (MediaDescription m : sdp.media()) {
            if (b.length() > 0) b.append(", ");
            b.append(m.media());
            for (int pt : m.formats()) {
                MediaDescription.RtpMap map = m.rtpmaps().get(pt);
                b.append(' ').append(map == null ? "pt" + pt : map.encoding() + "/" + pt);
            }
        }
        return b.length() == 0 ? "no media sections" : b.toString();
    }
}
