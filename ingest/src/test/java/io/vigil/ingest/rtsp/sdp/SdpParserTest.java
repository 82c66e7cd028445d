package io.vigil.ingest.rtsp.sdp;

import io.vigil.ingest.stream.VideoTrack;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpParserTest {
    /** Shaped like a Hikvision camera's DESCRIBE answer: audio first, absolute controls. */
    private static final String CAMERA = String.join("\r\n",
            "v=0",
            "o=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64",
            "s=Media Presentation",
            "e=NONE",
            "b=AS:5050",
            "t=0 0",
            "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/",
            "m=audio 0 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000",
            "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=2",
            "m=video 0 RTP/AVP 96",
            "c=IN IP4 0.0.0.0",
            "b=AS:5000",
            "a=recvonly",
            "a=x-dimensions:1920,1080",
            "a=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 Profile-Level-Id=420029; Packetization-Mode=1; sprop-parameter-sets=Z00AKpWoHgCJ+WEAAAMD6AAAw1CE,aO48gA==",
            "a=Media_header:MEDIAINFO=494D4B48;",
            "");

    /** What ffmpeg sends with ANNOUNCE for H.265: relative control, LF line ends. */
    private static final String FFMPEG_H265 = String.join("\n",
            "v=0",
            "o=- 0 0 IN IP4 127.0.0.1",
            "s=No Name",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "a=tool:libavformat 59.27.100",
            "m=video 0 RTP/AVP 96",
            "a=rtpmap:96 H265/90000",
            "a=fmtp:96 sprop-vps=QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ; sprop-sps=QgEBAWAAAAMAkAAAAwAAAwBdoAUCAXHy5ZWaSTK4BAAAAwAEAAADAGQg; sprop-pps=RAHBcrRiQA==",
            "a=control:streamid=0",
            "m=audio 0 RTP/AVP 97",
            "a=rtpmap:97 MPEG4-GENERIC/44100/2",
            "a=control:streamid=1");

    @Test
    void cameraSdpGivesTheVideoTrackWithAbsoluteControl() throws Exception {
        SessionDescription sdp = SdpParser.parse(CAMERA);
        assertEquals(2, sdp.media().size());
        assertTrue(SdpTracks.hasAudio(sdp));
        VideoTrack t = SdpTracks.firstVideoTrack(sdp, "rtsp://192.168.1.64/Streaming/Channels/101").orElseThrow();
        assertEquals("H264", t.encoding());
        assertEquals(96, t.payloadType());
        assertEquals(90000, t.clockRate());
        assertEquals("rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1", t.control());
        assertEquals("1", t.fmtp().get("packetization-mode"));
        assertEquals("420029", t.fmtp().get("profile-level-id"));
        assertEquals("Z00AKpWoHgCJ+WEAAAMD6AAAw1CE,aO48gA==", t.fmtp().get("sprop-parameter-sets"), "values keep their case");
    }

    @Test
    void ffmpegSdpGivesH265WithRelativeControlResolved() throws Exception {
        SessionDescription sdp = SdpParser.parse(FFMPEG_H265);
        VideoTrack t = SdpTracks.firstVideoTrack(sdp, "rtsp://127.0.0.1:8554/cam1").orElseThrow();
        assertEquals("H265", t.encoding());
        assertEquals("rtsp://127.0.0.1:8554/cam1/streamid=0", t.control());
        assertEquals(Map.of("sprop-vps", "QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ",
                "sprop-sps", "QgEBAWAAAAMAkAAAAwAAAwBdoAUCAXHy5ZWaSTK4BAAAAwAEAAADAGQg",
                "sprop-pps", "RAHBcrRiQA=="), t.fmtp());
        assertEquals("video H265/96, audio MPEG4-GENERIC/97", SdpTracks.summary(sdp));
    }

    @Test
    void controlResolution() {
        assertEquals("rtsp://h/s/track1", ControlUrl.resolve("rtsp://h/s", "track1"));
        assertEquals("rtsp://h/s/track1", ControlUrl.resolve("rtsp://h/s/", "track1"));
        assertEquals("rtsp://h/s/", ControlUrl.resolve("rtsp://h/s/", "*"));
        assertEquals("rtsp://h/s", ControlUrl.resolve("rtsp://h/s", null));
        assertEquals("rtsp://other:554/x", ControlUrl.resolve("rtsp://h/s", "rtsp://other:554/x"));
        assertEquals("rtsp://h:554/abs/t", ControlUrl.resolve("rtsp://h:554/s/x", "/abs/t"));
    }

    @Test
    void sessionControlIsTheBaseForRelativeMediaControl() throws Exception {
        String text = "v=0\r\na=control:rtsp://cam/live/\r\nm=video 0 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\na=control:track0\r\n";
        VideoTrack t = SdpTracks.firstVideoTrack(SdpParser.parse(text), "rtsp://cam/live").orElseThrow();
        assertEquals("rtsp://cam/live/track0", t.control());
    }

    @Test
    void noVideoGivesEmpty() throws Exception {
        SessionDescription sdp = SdpParser.parse("v=0\nm=audio 0 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n");
        assertEquals(Optional.empty(), SdpTracks.firstVideoTrack(sdp, "rtsp://x/"));
        SessionDescription mjpeg = SdpParser.parse("v=0\nm=video 0 RTP/AVP 26\n");
        assertFalse(SdpTracks.firstVideoTrack(mjpeg, "rtsp://x/").isPresent(), "only H264/H265 are recorded");
    }

    @Test
    void malformedInputNamesTheLine() {
        SdpParseException e = assertThrows(SdpParseException.class,
                () -> SdpParser.parse("v=0\r\ns=x\r\nm=video zero RTP/AVP 96\r\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("SDP line 3: port \"zero\""), e.getMessage());

        e = assertThrows(SdpParseException.class, () -> SdpParser.parse("v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264\n"));
        assertEquals(3, e.line());

        e = assertThrows(SdpParseException.class, () -> SdpParser.parse("v=0\nthis is not sdp\n"));
        assertEquals(2, e.line());

        e = assertThrows(SdpParseException.class, () -> SdpParser.parse("RTSP/1.0 200 OK\n"));
        assertEquals(1, e.line());

        e = assertThrows(SdpParseException.class, () -> SdpParser.parse("s=no version\n"));
        assertTrue(e.getMessage().contains("no v= line"), e.getMessage());

        assertThrows(SdpParseException.class, () -> SdpParser.parse(""));
        assertThrows(SdpParseException.class, () -> SdpParser.parse("v=0\nm=video 0 RTP/AVP 300\n"));
    }

    @Test
    void writerOutputParsesBack() throws Exception {
        VideoTrack track = new VideoTrack("H264", 96, 90000, "ignored", Map.of("packetization-mode", "1", "sprop-parameter-sets", "Z0IAH5WoFAFuQA==,aM48gA=="));
        String text = SdpWriter.describe(track, "cam-sim-1", "127.0.0.1");
        VideoTrack back = SdpTracks.firstVideoTrack(SdpParser.parse(text), "rtsp://127.0.0.1:8554/cam-sim-1/").orElseThrow();
        assertEquals("rtsp://127.0.0.1:8554/cam-sim-1/trackID=0", back.control());
        assertEquals(track.fmtp(), back.fmtp());
        assertEquals(96, back.payloadType());
    }
}
