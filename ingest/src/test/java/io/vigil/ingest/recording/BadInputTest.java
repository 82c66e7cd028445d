package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.fmp4.Segmenter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What cameras get wrong: garbage, foreign payload types, timestamp jumps, no parameter
 * sets, loss inside a fragmented NAL unit, a mid-stream resolution change. Each is
 * counted, nothing escapes {@code onRtp}, and what can be stored is stored and plays.
 */
class BadInputTest {
    private static final Instant T0 = Instant.parse("2026-11-25T11:00:00Z");

    @RegisterExtension
    static final CameraTestBed bed = new CameraTestBed("640x360", T0);

    @TempDir
    Path dir;
    private StoreFixture fx;
    private ExecutorService disk;
    private CameraRecorders factory;

    @BeforeEach
    void open() {
        fx = bed.store();
        disk = Executors.newSingleThreadExecutor();
        factory = new CameraRecorders(fx.store.segments(), Duration.ofSeconds(2), fx.meters, fx.clock, disk, CameraRecorders.DEFAULT_QUEUE_SEGMENTS, Segmenter.UNBOUNDED_TIME);
    }

    @AfterEach
    void close() {
        disk.shutdownNow(); // the store closes after this
    }

    @Test
    void garbageAndForeignPayloadTypesAreCountedAndTheStreamStillRecords() throws Exception {
        CameraRecorder r = factory.recorder(CameraId.of("cam02"));
        r.onStart(bed.h264().track());
        Random random = new Random(7);
        int i = 0;
        for (byte[] p : bed.h264().packets()) {
            if (i++ % 10 == 0) {
                byte[] junk = new byte[random.nextInt(40)];
                random.nextBytes(junk);
                r.onRtp(junk);
                r.onRtp(RtpRewriter.withPayloadType(p, 97)); // e.g. an audio track that slipped through
            }
            r.onRtp(p.clone());
        }
        r.onRtp(new byte[0]);
        r.onEnd("test done");
        StoreFixture.await("2 segments", () -> count("vigil.ingest.segments.written", "cam02") >= 2);
        assertTrue(problems("cam02", "malformed-rtp") > 0);
        assertTrue(problems("cam02", "unknown-payload-type") >= 10);
        assertEquals(100, count("vigil.ingest.frames", "cam02"));
        assertAllStoredPlay("cam02", 100);
    }

    @Test
    void lossInsideAFragmentedNalDropsItAndRecovers() throws Exception {
        CameraRecorder r = factory.recorder(CameraId.of("cam03"));
        r.onStart(bed.h264().track());
        List<byte[]> packets = new ArrayList<>(bed.h264().packets());
        // drop the middle fragment of the first FU-A after the first second (a P frame's slice)
        int dropped = -1;
        for (int i = 40; i < packets.size() - 2; i++) {
            if (RtpRewriter.h264PacketType(packets.get(i)) == 28 && (packets.get(i)[13] & 0xC0) == 0) {
                dropped = i;
                break;
            }
        }
        assertTrue(dropped > 0, "the capture has FU-A fragments");
        packets.remove(dropped);
        for (byte[] p : packets) r.onRtp(p.clone());
        r.onEnd("test done");
        StoreFixture.await("2 segments", () -> count("vigil.ingest.segments.written", "cam03") >= 2);
        assertEquals(1, count("vigil.ingest.packets.lost", "cam03"));
        // the slice is dropped and counted as such; the picture counts as lost only if that was
        // its only slice (nothing of it stored), never for a slice it was stored without
        assertEquals(1, count("vigil.ingest.slices.lost", "cam03"));
        assertTrue(count("vigil.ingest.frames.lost", "cam03") <= 1);
        assertTrue(problems("cam03", "packets-lost") >= 1);
        // the damaged picture keeps its other slices or is left out; every segment still plays
        List<SegmentInfo> infos = fx.store.segments().list(CameraId.of("cam03"), T0.minusSeconds(1), T0.plusSeconds(60));
        assertEquals(2, infos.size());
        for (SegmentInfo info : infos) probe(info);
    }

    @Test
    void aStreamWithoutParameterSetsStoresNothingAndSaysSo() throws Exception {
        CameraRecorder r = factory.recorder(CameraId.of("cam04"));
        r.onStart(bed.h264().track()); // this SDP has no sprop-parameter-sets
        int removed = 0;
        for (byte[] p : bed.h264().packets()) {
            int type = RtpRewriter.h264PacketType(p);
            if (type == 7 || type == 8 || type == 24) { // SPS, PPS, or a STAP-A carrying them
                removed++;
                continue;
            }
            r.onRtp(p.clone());
        }
        r.onEnd("test done");
        assertTrue(removed >= 4, "SPS/PPS packets removed (one STAP-A per keyframe from ffmpeg): " + removed);
        assertEquals(100, count("vigil.ingest.frames", "cam04"));
        assertEquals(100, count("vigil.ingest.frames.lost", "cam04"));
        assertTrue(problems("cam04", "no-parameter-sets") >= 4, "one per keyframe");
        assertEquals(0, count("vigil.ingest.segments.written", "cam04"));
        assertTrue(fx.store.segments().list(CameraId.of("cam04"), T0.minusSeconds(1), T0.plusSeconds(60)).isEmpty());
    }

    @Test
    void timestampJumpsCloseTheSegmentAndReanchorTheWallClock() throws Exception {
        CameraRecorder r = factory.recorder(CameraId.of("cam05"));
        r.onStart(bed.h264().track());
        List<byte[]> packets = bed.h264().packets();
        int half = indexOfThirdKeyframePacket(packets);
        // the second half jumps 3 hours ahead in RTP time (and wraps the 32-bit clock)
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            if (i >= half) p = RtpRewriter.with(p, RtpRewriter.sequence(p), (RtpRewriter.timestamp(p) + 3L * 3600 * 90000) & 0xFFFF_FFFFL);
            r.onRtp(p.clone());
        }
        r.onEnd("test done");
        StoreFixture.await("2 segments", () -> count("vigil.ingest.segments.written", "cam05") >= 2);
        assertTrue(problems("cam05", "timestamp-jump") >= 1);
        List<SegmentInfo> infos = fx.store.segments().list(CameraId.of("cam05"), T0.minusSeconds(1), T0.plusSeconds(3600 * 4));
        assertEquals(2, infos.size());
        // the jump is not believed: the second segment follows the first on the wall clock
        assertEquals(T0, infos.get(0).start());
        assertEquals(infos.get(0).end(), infos.get(1).start());
        for (SegmentInfo info : infos) probe(info);
    }

    @Test
    void resolutionChangeMidStreamStartsASegmentWithANewInit() throws Exception {
        FfmpegRtp.Capture small = FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 50,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25"));
        List<byte[]> first = bed.h264().packets().subList(0, indexOfThirdKeyframePacket(bed.h264().packets()));
        byte[] last = first.get(first.size() - 1);
        List<byte[]> second = RtpRewriter.continueFrom(small.packets(), RtpRewriter.sequence(last) + 1,
                RtpRewriter.timestamp(last) + 3600);
        CameraRecorder r = factory.recorder(CameraId.of("cam06"));
        r.onStart(bed.h264().track());
        for (byte[] p : first) r.onRtp(p.clone());
        for (byte[] p : second) r.onRtp(p.clone());
        r.onEnd("test done");
        StoreFixture.await("2 segments", () -> count("vigil.ingest.segments.written", "cam06") >= 2);
        List<SegmentInfo> infos = fx.store.segments().list(CameraId.of("cam06"), T0.minusSeconds(1), T0.plusSeconds(60));
        assertEquals(2, infos.size());
        Ffprobe.Stream a = probe(infos.get(0));
        Ffprobe.Stream b = probe(infos.get(1));
        assertEquals(640, a.width());
        assertEquals(50, a.frames(), 1);
        assertEquals(320, b.width());
        assertEquals(240, b.height());
        assertEquals(50, b.frames(), 1);
        assertEquals(0, count("vigil.ingest.frames.lost", "cam06"));
    }

    @Test
    void reorderedPacketsAreStoredInOrder() throws Exception {
        CameraRecorder r = factory.recorder(CameraId.of("cam07"));
        r.onStart(bed.h264().track());
        List<byte[]> packets = new ArrayList<>(bed.h264().packets());
        for (int i = 5; i + 3 < packets.size(); i += 7) { // swap neighbours all along the stream
            byte[] t = packets.get(i);
            packets.set(i, packets.get(i + 2));
            packets.set(i + 2, t);
        }
        for (byte[] p : packets) r.onRtp(p.clone());
        r.onEnd("test done");
        StoreFixture.await("2 segments", () -> count("vigil.ingest.segments.written", "cam07") >= 2);
        assertEquals(0, count("vigil.ingest.packets.lost", "cam07"));
        assertAllStoredPlay("cam07", 100);
    }

    private static int indexOfThirdKeyframePacket(List<byte[]> packets) {
        // the third keyframe (frame 50) starts with the parameter sets ffmpeg sends in front
        // of each IDR, as an SPS packet or a STAP-A holding SPS and PPS
        int seen = 0;
        for (int i = 0; i < packets.size(); i++) {
            int type = RtpRewriter.h264PacketType(packets.get(i));
            if ((type == 7 || type == 24) && seen++ == 2) return i;
        }
        throw new AssertionError("fewer than 3 keyframes in capture");
    }

    private void assertAllStoredPlay(String camera, int frames) throws Exception {
        List<SegmentInfo> infos = fx.store.segments().list(CameraId.of(camera), T0.minusSeconds(1), T0.plusSeconds(60));
        int total = 0;
        for (SegmentInfo info : infos) total += probe(info).frames();
        assertEquals(frames, total, 1);
    }

    private Ffprobe.Stream probe(SegmentInfo info) throws Exception {
        Path file = dir.resolve(info.key().sequence() + ".mp4");
        Files.write(file, fx.store.segments().read(info.key()));
        Ffprobe.Stream s = Ffprobe.probe(file);
        assertEquals("h264", s.codec());
        return s;
    }

    private double count(String name, String camera) {
        return fx.meters.counter(name, "camera", camera).count();
    }

    private double problems(String camera, String kind) {
        return fx.meters.counter("vigil.ingest.problems", "camera", camera, "kind", kind).count();
    }
}
