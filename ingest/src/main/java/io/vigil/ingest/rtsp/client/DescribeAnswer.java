package io.vigil.ingest.rtsp.client;

import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.sdp.ControlUrl;
import io.vigil.ingest.rtsp.sdp.SdpParseException;
import io.vigil.ingest.rtsp.sdp.SdpParser;
import io.vigil.ingest.rtsp.sdp.SdpTracks;
import io.vigil.ingest.rtsp.sdp.SessionDescription;
import io.vigil.ingest.stream.VideoTrack;

/**
 * What a camera's DESCRIBE answer offers a pull session: the video track it records (the
 * first H.264/H.265 one; audio is never set up), the URL PLAY goes to, and whether the
 * camera also offers audio (said once in the log).
 */
record DescribeAnswer(VideoTrack track, String playUrl, boolean hasAudio) {
    /**
     * @param requestUrl the URL DESCRIBE went to: the base when the answer names none
     * @throws RtspClientException in words when the answer is not 200, its SDP is unusable or
     *     it offers no video Vigil can record
     */
    static DescribeAnswer read(RtspResponse r, String requestUrl) {
        CameraRequests.expectOk(r, "DESCRIBE");
        String base = firstNonBlank(r.header(RtspHeaders.CONTENT_BASE), r.header(RtspHeaders.CONTENT_LOCATION), requestUrl);
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(r.body());
        } catch (SdpParseException e) {
            throw new RtspClientException(RtspFailure.of("badSdp", "detail", e.getMessage()));
        }
        VideoTrack track = SdpTracks.firstVideoTrack(sdp, base).orElseThrow(() ->
                new RtspClientException(RtspFailure.of("noVideo", "tracks", SdpTracks.summary(sdp))));
        String playUrl = sdp.control() != null && !sdp.control().equals("*") ? ControlUrl.resolve(base, sdp.control()) : base;
        return new DescribeAnswer(track, playUrl, SdpTracks.hasAudio(sdp));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }
}
