package io.vigil.ingest.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.Depacketizer;
import io.vigil.ingest.fmp4.Fmp4Writer;
import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.rtp.TimestampUnwrapper;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.stream.RtpSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's RTP, depacketized by Vigil's own media code and decoded by ffprobe. */
class CameraSimulatorTest {
    @TempDir
    Path dir;

    @Test
    void liveCamerasSendDecodableH264WithTheirIds() throws Exception {
        try (CameraSimulator sim = new CameraSimulator(CameraSimulator.Mode.LIVE, new SimSettings(320, 180, 15, 15, 300_000),
                Clock.systemUTC())) {
            List<RtpSource> cams = sim.start(2);
            assertEquals(List.of(CameraId.of("cam01"), CameraId.of("cam02")), new ArrayList<>(sim.cameras().keySet()));
            RtpSource cam = cams.get(1);
            assertEquals("H264", cam.track().encoding());
            assertTrue(cam.track().fmtp().get("sprop-parameter-sets").contains(","));
            List<byte[]> packets = collect(cam, 20);
            Path file = toMp4(cam, packets, dir.resolve("live.mp4"));
            assertProbe(file, 320, 180, 20);
        }
    }

    @Test
    void replayCamerasLoopWithContinuousSequenceAndTimestamps() throws Exception {
        try (CameraSimulator sim = new CameraSimulator(CameraSimulator.Mode.REPLAY, new SimSettings(320, 180, 25, 10, 400_000),
                Clock.systemUTC())) {
            List<RtpSource> cams = sim.start(3);
            assertTrue(sim.replayBitsPerSecond() > 50_000, "loop bitrate " + sim.replayBitsPerSecond());
            // the loop holds 20 frames: 45 crosses the loop point twice
            List<byte[]> packets = collect(cams.get(0), 45);
            int prevSeq = -1;
            for (byte[] p : packets) {
                RtpPacket rtp = RtpPacket.parse(p);
                if (prevSeq >= 0) assertEquals((prevSeq + 1) & 0xFFFF, rtp.sequence(), "sequence continues");
                prevSeq = rtp.sequence();
            }
            Path file = toMp4(cams.get(0), packets, dir.resolve("replay.mp4"));
            assertProbe(file, 320, 180, 45);
        }
    }

    /** Waits (latch, 20 s deadline) for {@code pictures} complete pictures from the first keyframe on. */
    private static List<byte[]> collect(RtpSource cam, int pictures) throws Exception {
        ConcurrentLinkedQueue<byte[]> got = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger markers = new AtomicInteger();
        try (AutoCloseable sub = cam.subscribe(p -> {
            if (done.getCount() == 0) return;
            got.add(p);
            if ((p[1] & 0x80) != 0 && markers.incrementAndGet() >= pictures + 15) done.countDown();
        })) {
            assertTrue(done.await(20, TimeUnit.SECONDS), "pictures arrived: " + markers.get());
        }
        return new ArrayList<>(got);
    }

    /** Vigil's depacketizer and fMP4 writer over the packets, from the first keyframe, {@code pictures} of them. */
    private static Path toMp4(RtpSource cam, List<byte[]> packets, Path file) throws Exception {
        List<AccessUnit> aus = new ArrayList<>();
        Depacketizer d = Depacketizer.forCodec(VideoCodec.H264, aus::add);
        TimestampUnwrapper unwrap = new TimestampUnwrapper();
        for (byte[] b : packets) {
            RtpPacket p = RtpPacket.parse(b);
            d.push(p, unwrap.unwrap(p.timestamp()), 0);
        }
        int first = 0;
        while (!aus.get(first).keyframe()) first++;
        List<byte[]> sdpSets = SdpParameterSets.from(cam.track(), VideoCodec.H264);
        CodecConfig config = CodecConfig.of(VideoCodec.H264, List.of(), List.of(sdpSets.get(0)), List.of(sdpSets.get(1)));
        List<Fmp4Writer.Sample> samples = new ArrayList<>();
        for (int i = first; i + 1 < aus.size(); i++) {
            AccessUnit au = aus.get(i);
            samples.add(new Fmp4Writer.Sample(au.nals(), (int) (aus.get(i + 1).timestamp() - au.timestamp()), au.keyframe()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Fmp4Writer.init(config));
        out.write(Fmp4Writer.fragment(1, 0, samples));
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void assertProbe(Path file, int width, int height, int minFrames) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] f = out.split(",");
        assertEquals("h264", f[0], out);
        assertEquals(width, Integer.parseInt(f[1]));
        assertEquals(height, Integer.parseInt(f[2]));
        assertTrue(Integer.parseInt(f[3].trim()) >= minFrames, out);
    }
}
