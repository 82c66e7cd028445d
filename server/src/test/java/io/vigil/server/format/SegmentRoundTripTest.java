package io.vigil.server.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vigil.config.CameraId;
import io.vigil.gateway.http.BodySource;
import io.vigil.gateway.media.AssembledVideo;
import io.vigil.ingest.recording.CameraRecorder;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.sim.EncodedLoop;
import io.vigil.ingest.sim.ReplayCamera;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.format.BoxReader;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment format end to end (docs/segment-format.md): segments written by ingest's
 * recorder over two sessions of one camera (a reconnect between them) into a real
 * encrypted store, joined by the gateway's {@link AssembledVideo}, and the joined file
 * decoded by ffprobe. Checks the contract the joining relies on on the stored bytes
 * themselves (same init length, decode time continuing across the reconnect) and that
 * the joined video holds every recorded picture in decoding order.
 */
class SegmentRoundTripTest {
    private static final String CAMERA = "cam-rt";
    private static final int SEGMENTS_PER_SESSION = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void segmentsOfTwoSessionsJoinIntoOneVideoThatDecodesEveryPicture() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant from = clock.instant().minusSeconds(1);
        char[] pass = "round trip passphrase".toCharArray();
        Path keystore = dir.resolve("keystore");
        Keystore.create(keystore, pass.clone(), new KdfParameters(1024, 1, 1), clock);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (VigilStore vigil = VigilStores.open(new StoreOptions(dir.resolve("data"), keystore, pass, clock, new SimpleMeterRegistry()))) {
            SegmentStore store = vigil.segments();
            // 10 fps, a keyframe every 10 pictures: 1 s segments
            EncodedLoop loop = EncodedLoop.encode(SimSettings.LIVE, 3, clock);
            CameraRecorders recorders = new CameraRecorders(store, Duration.ofSeconds(1), new SimpleMeterRegistry(), clock, Runnable::run);
            CameraRecorder recorder = recorders.recorder(CameraId.of(CAMERA));
            try (ReplayCamera camera = new ReplayCamera(CameraId.of(CAMERA), loop, scheduler)) {
                recordSession(recorder, camera, store, SEGMENTS_PER_SESSION, from);
                recordSession(recorder, camera, store, 2 * SEGMENTS_PER_SESSION, from);
            }
            Instant to = clock.instant().plusSeconds(1);
            List<SegmentInfo> segments = store.list(CameraId.of(CAMERA), from, to);
            assertTrue(segments.size() >= 2 * SEGMENTS_PER_SESSION, "segments of both sessions stored: " + segments.size());

            // the contract, on the stored bytes
            List<byte[]> plain = new ArrayList<>();
            for (SegmentInfo s : segments) plain.add(store.read(s.key()));
            int initLength = BoxReader.initLength(plain.get(0));
            byte[] stsd = BoxReader.sampleDescription(plain.get(0), initLength);
            long expectedDecodeTime = BoxReader.firstDecodeTime(plain.get(0), initLength, plain.get(0).length);
            int pictures = 0;
            for (int i = 0; i < plain.size(); i++) {
                byte[] seg = plain.get(i);
                assertEquals(initLength, BoxReader.initLength(seg), "segment " + i + ": same init length as the first");
                assertTrue(Arrays.equals(stsd, BoxReader.sampleDescription(seg, initLength)), "segment " + i + ": same sample description");
                assertEquals(expectedDecodeTime, BoxReader.firstDecodeTime(seg, initLength, seg.length),
                        "segment " + i + ": decode time continues where the previous segment ended, across the reconnect");
                Path one = dir.resolve("segment-" + i + ".mp4");
                Files.write(one, seg);
                List<Long> dts = packetDts(one);
                pictures += dts.size();
                expectedDecodeTime = BoxReader.firstDecodeTime(seg, initLength, seg.length) + sampleDurations(seg, initLength);
            }

            // the gateway's joining
            AssembledVideo video = AssembledVideo.open(store, CameraId.of(CAMERA), from, to).orElseThrow();
            assertEquals(segments.size(), video.segmentCount());
            byte[] joined = readAll(video.body(0, video.length() - 1));
            assertEquals(video.length(), joined.length, "exactly the length promised from the index");
            Path mp4 = dir.resolve("joined.mp4");
            Files.write(mp4, joined);
            assertEquals("", ffprobe("-v", "error", "-show_entries", "frame=pts", "-of", "csv", mp4.toString()).errors,
                    "the joined video decodes without an error");
            List<Long> dts = packetDts(mp4);
            assertEquals(pictures, dts.size(), "every picture of every segment is in the joined video");
            assertEquals(0L, dts.get(0), "the joined video starts at decode time 0");
            for (int i = 1; i < dts.size(); i++) {
                assertTrue(dts.get(i) > dts.get(i - 1), "decode times increase at picture " + i + ": " + dts.get(i - 1) + " then " + dts.get(i));
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** One session: RTP from the simulated camera into the recorder until {@code total} segments are stored in all. */
    private static void recordSession(CameraRecorder recorder, ReplayCamera camera, SegmentStore store, int total, Instant from)
            throws Exception {
        recorder.onStart(camera.track());
        try (AutoCloseable subscription = camera.subscribe(recorder::onRtp)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (store.list(CameraId.of(CAMERA), from, Instant.now().plusSeconds(5)).size() < total) {
                if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + total + " stored segments");
                Thread.onSpinWait();
                Thread.yield();
            }
        }
        recorder.onEnd("test: reconnect");
    }

    private static byte[] readAll(BodySource s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuf b;
        while ((b = s.next(ByteBufAllocator.DEFAULT)) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.write(bytes);
        }
        s.close();
        return out.toByteArray();
    }

    /** Decode timestamps of the video packets, in 90 kHz ticks, in file order. */
    private static List<Long> packetDts(Path file) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String line : ffprobe("-v", "error", "-select_streams", "v:0", "-show_entries", "packet=dts", "-of", "csv=p=0",
                file.toString()).out.split("\n")) {
            if (!line.isBlank()) out.add(Long.parseLong(line.trim()));
        }
        return out;
    }

    /** Sum of the sample durations in the segment's trun boxes (its span on the decode timeline), in 90 kHz ticks. */
    private static long sampleDurations(byte[] seg, int initLength) {
        long sum = 0;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(seg);
        for (BoxReader.Box moof : BoxReader.children(seg, initLength, seg.length)) {
            if (!moof.type().equals("moof")) continue;
            BoxReader.Box traf = BoxReader.find(BoxReader.children(seg, moof.bodyOffset(), moof.end()), "traf");
            BoxReader.Box trun = BoxReader.find(BoxReader.children(seg, traf.bodyOffset(), traf.end()), "trun");
            int flags = b.getInt(trun.bodyOffset()) & 0xFFFFFF;
            assertEquals(0x000F01, flags, "trun: data offset, then duration, size, flags, composition offset per sample");
            int count = b.getInt(trun.bodyOffset() + 4);
            for (int k = 0; k < count; k++) sum += b.getInt(trun.bodyOffset() + 12 + 16 * k) & 0xFFFFFFFFL;
        }
        return sum;
    }

    private record Result(String out, String errors) {}

    private static Result ffprobe(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("ffprobe");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] err;
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffprobe did not finish");
        }
        assertEquals(0, p.exitValue(), () -> "ffprobe failed: " + new String(err, StandardCharsets.UTF_8));
        return new Result(out, new String(err, StandardCharsets.UTF_8).trim());
    }
}
