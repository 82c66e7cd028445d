package io.vigil.gateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.TestFootage;
import io.vigil.gateway.http.BodySource;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.format.BoxReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The joined MP4 built lazily from stored segments, including a segment erased while it is being served. */
class AssembledVideoTest {
    @TempDir
    Path dir;

    static byte[] readAll(BodySource s) throws Exception {
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

    @Test
    void segmentErasedMidStreamBecomesAGapOfItsLength() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir.resolve("g"))) {
            Instant t0 = GatewayFixture.T0;
            AssembledVideo video = AssembledVideo.open(f.store.segments(), CameraId.of("cam-01"), t0, t0.plusSeconds(60)).orElseThrow();
            assertEquals(TestFootage.SEGMENTS, video.segmentCount());
            long promised = video.length();
            BodySource body = video.body(0, promised - 1);
            ByteBuf first = body.next(ByteBufAllocator.DEFAULT); // the init is out: playback has begun
            int firstLen = first.readableBytes();
            first.release();
            List<SegmentInfo> segs = f.store.segments().list(CameraId.of("cam-01"), t0, t0.plusSeconds(60));
            f.store.segments().eraseSegment(segs.get(2).key()); // the purge strikes
            byte[] rest = readAll(body);
            assertEquals(promised, firstLen + rest.length, "exactly the promised length is sent: the response ends cleanly");

            byte[] whole = readAll(video.body(0, promised - 1));
            Path mp4 = dir.resolve("cut.mp4");
            Files.write(mp4, whole);
            assertEquals(4 * TestFootage.FRAMES_PER_SEGMENT, TestFootage.ffprobeFrameCount(mp4), "the segments around the erased one play");
            List<BoxReader.Box> boxes = BoxReader.children(whole, 0, whole.length);
            assertEquals(List.of("ftyp", "moov", "moof", "mdat", "moof", "mdat", "free", "moof", "mdat", "moof", "mdat"),
                    boxes.stream().map(BoxReader.Box::type).toList(), "the erased segment's place is one 'free' box");
            List<Double> pts = TestFootage.ffprobePacketTimes(mp4);
            assertEquals(6.0, pts.get(2 * TestFootage.FRAMES_PER_SEGMENT) - pts.get(0), 0.001,
                    "after the erased segment the video resumes at its footage time (t0 + 6 s), not back to back");
        }
    }

    @Test
    void resolutionChangeEndsTheVideoAtTheChange() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir.resolve("g"))) {
            Instant t0 = GatewayFixture.T0;
            List<byte[]> small = TestFootage.segments(), large = TestFootage.segments("640x480");
            for (int i = 0; i < 10; i++) {
                Instant s = t0.plusSeconds(2L * i);
                f.store.segments().append(CameraId.of("cam-03"), s, s.plusSeconds(2), i, i < 5 ? small.get(i) : large.get(i - 5));
            }
            AssembledVideo v = AssembledVideo.open(f.store.segments(), CameraId.of("cam-03"), t0, t0.plusSeconds(20)).orElseThrow();
            byte[] whole = readAll(v.body(0, v.length() - 1));
            assertEquals(v.length(), whole.length, "the promised length, exactly");
            Path mp4 = dir.resolve("changed.mp4");
            Files.write(mp4, whole);
            assertEquals(5 * TestFootage.FRAMES_PER_SEGMENT, TestFootage.ffprobeFrameCount(mp4), "only the footage before the change");
            assertEquals("", TestFootage.ffprobeErrors(mp4));
            // The footage after the change plays when asked for from the change on.
            AssembledVideo after = AssembledVideo.open(f.store.segments(), CameraId.of("cam-03"), t0.plusSeconds(10), t0.plusSeconds(20)).orElseThrow();
            Path mp4b = dir.resolve("after.mp4");
            Files.write(mp4b, readAll(after.body(0, after.length() - 1)));
            assertEquals(5 * TestFootage.FRAMES_PER_SEGMENT, TestFootage.ffprobeFrameCount(mp4b));
        }
    }

    @Test
    void footageOutsideTheRangeIsNeverIncluded() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir.resolve("g"))) {
            Instant t0 = GatewayFixture.T0;
            // 3 s .. 9 s: the segments at 4 s and 6 s lie inside; 2-4 s and 8-10 s only overlap.
            AssembledVideo v = AssembledVideo.open(f.store.segments(), CameraId.of("cam-01"), t0.plusSeconds(3), t0.plusSeconds(9)).orElseThrow();
            assertEquals(2, v.segmentCount());
            assertEquals(t0.plusSeconds(4), v.footageStart());
            assertEquals(t0.plusSeconds(8), v.footageEnd());
            Path mp4 = dir.resolve("part.mp4");
            Files.write(mp4, readAll(v.body(0, v.length() - 1)));
            assertEquals(2 * TestFootage.FRAMES_PER_SEGMENT, TestFootage.ffprobeFrameCount(mp4));
            assertTrue(AssembledVideo.open(f.store.segments(), CameraId.of("cam-01"), t0.plusSeconds(3), t0.plusSeconds(5)).isEmpty());
        }
    }
}
