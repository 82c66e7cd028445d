package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.fmp4.Segmenter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentInfo;
import io.vigil.storage.Reason;
import io.vigil.storage.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gap bookkeeping of {@link CameraRecorder} against the real encrypted store: a gap is
 * written the moment recording stops, kept current while the camera is down, closed where
 * footage resumes or at Vigil's stop, and is one row (one start) all along. Disk work runs
 * on the calling thread, so every assertion sees exactly what was written by then.
 */
class CameraRecorderGapTest {
    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00Z");

    /** 4 s of video per session: two 2 s segments. */
    @RegisterExtension
    static final CameraTestBed bed = new CameraTestBed("320x240", T0);

    private StoreFixture fx;
    private RecordedGaps gaps;
    private CameraRecorders factory;

    @BeforeEach
    void open() {
        fx = bed.store();
        gaps = new RecordedGaps(fx.store.segments());
        factory = new CameraRecorders(gaps.store(), Duration.ofSeconds(2), fx.meters, fx.clock, Runnable::run, CameraRecorders.DEFAULT_QUEUE_SEGMENTS, Segmenter.UNBOUNDED_TIME);
    }

    private void recordSession(CameraRecorder r, List<byte[]> packets) {
        r.onStart(bed.h264().track());
        for (byte[] p : packets) r.onRtp(p.clone());
    }

    private List<Span> timeline(String camera, Instant from, Instant to) {
        return fx.store.segments().timeline(CameraId.of(camera), from, to);
    }

    @Test
    void aGapIsStoredWhenRecordingStopsKeptCurrentAndClosedWhereFootageResumes() {
        CameraRecorder r = factory.recorder(CameraId.of("door"));
        recordSession(r, bed.h264().packets()); // T0 .. T0+4
        fx.clock.advance(Duration.ofSeconds(10)); // the stall timeout later
        r.onEnd("publisher sent no video for 10 s");

        // written at once, from the end of the last stored segment, with the reason
        assertEquals(List.of(new RecordedGaps.Call("door", T0.plusSeconds(4), T0.plusSeconds(10), "publisher sent no video for 10 s")),
                gaps.calls("door"));
        assertEquals(List.of(Span.recorded(T0, T0.plusSeconds(4)),
                        Span.gap(T0.plusSeconds(4), T0.plusSeconds(10), "publisher sent no video for 10 s")),
                timeline("door", T0, T0.plusSeconds(10)));

        // reports while down: written again only when REFRESH has passed or the reason changed
        fx.clock.advance(Duration.ofSeconds(2));
        r.cameraDown("publisher sent no video for 10 s");
        assertEquals(1, gaps.calls("door").size(), "no write within " + OpenGap.REFRESH);
        fx.clock.advance(Duration.ofSeconds(4));
        r.cameraDown("publisher sent no video for 10 s");
        assertEquals(new RecordedGaps.Call("door", T0.plusSeconds(4), T0.plusSeconds(16), "publisher sent no video for 10 s"),
                gaps.calls("door").get(1));
        fx.clock.advance(Duration.ofSeconds(1));
        r.cameraDown("no data from the publisher for 60 s");
        String reason = since("publisher sent no video for 10 s", "no data from the publisher for 60 s");
        assertEquals(new RecordedGaps.Call("door", T0.plusSeconds(4), T0.plusSeconds(17), reason), gaps.calls("door").get(2));

        // footage resumes at T0+30: the gap ends at the first new segment's start
        fx.clock.advance(Duration.ofSeconds(13));
        r.onStart(bed.h264().track());
        r.cameraDown("a late watchdog report"); // a session is open: ignored
        assertEquals(3, gaps.calls("door").size());
        for (byte[] p : bed.h264().packets()) r.onRtp(p.clone());
        assertEquals(new RecordedGaps.Call("door", T0.plusSeconds(4), T0.plusSeconds(30), reason), gaps.calls("door").get(3));
        assertEquals(Set.of(T0.plusSeconds(4)), gaps.rowStarts("door"), "one gap row, rewritten in place");

        assertEquals(List.of(Span.recorded(T0, T0.plusSeconds(4)), Span.gap(T0.plusSeconds(4), T0.plusSeconds(30), reason),
                Span.recorded(T0.plusSeconds(30), T0.plusSeconds(32))), timeline("door", T0, T0.plusSeconds(32)));
    }

    @Test
    void aCameraThatNeverRecordedIsDownFromItsFirstFailureUntilVigilStops() {
        CameraRecorder r = factory.recorder(CameraId.of("lobby"));
        r.cameraDown("cannot connect to 10.0.0.7:554: Connection refused");
        assertTrue(gaps.calls("lobby").isEmpty(), "nothing to write for a gap of no length");
        fx.clock.advance(Duration.ofSeconds(1));
        r.cameraDown("cannot connect to 10.0.0.7:554: Connection refused");
        assertEquals(List.of(new RecordedGaps.Call("lobby", T0, T0.plusSeconds(1), "cannot connect to 10.0.0.7:554: Connection refused")),
                gaps.calls("lobby"));
        fx.clock.advance(Duration.ofSeconds(2));
        r.cameraDown("camera did not answer DESCRIBE within 10 s");
        String reason = since("cannot connect to 10.0.0.7:554: Connection refused", "camera did not answer DESCRIBE within 10 s");
        assertEquals(reason, gaps.calls("lobby").get(1).reason());

        fx.clock.advance(Duration.ofSeconds(10));
        factory.stopped(CameraId.of("lobby"));
        assertEquals(new RecordedGaps.Call("lobby", T0, T0.plusSeconds(13), reason), gaps.calls("lobby").get(2));
        fx.clock.advance(Duration.ofSeconds(10));
        r.cameraDown("a watchdog tick racing the stop");
        assertEquals(3, gaps.calls("lobby").size(), "after the stop nothing opens the gap again");
        assertEquals(List.of(Span.gap(T0, T0.plusSeconds(13), reason), Span.gap(T0.plusSeconds(13), T0.plusSeconds(20), null)),
                timeline("lobby", T0, T0.plusSeconds(20)));
        assertTrue(factory.recorder(CameraId.of("lobby")) == r);
        factory.stopped(CameraId.of("never-seen")); // no recorder is created for a camera with nothing to close
    }

    @Test
    void stoppingWhileRecordingKeepsThePartialSegmentAndEndsTheGapAtTheStop() {
        CameraRecorder r = factory.recorder(CameraId.of("ward"));
        recordSession(r, bed.h264().packets().subList(0, bed.h264().packets().size() * 3 / 4)); // 3 s: one whole segment and a partial one
        fx.clock.advance(Duration.ofSeconds(5));
        factory.stopped(CameraId.of("ward"));
        List<SegmentInfo> segments = fx.store.segments().list(CameraId.of("ward"), T0, T0.plusSeconds(10));
        assertEquals(2, segments.size(), "the partial segment is kept");
        Instant lastEnd = segments.get(1).end();
        assertEquals(List.of(new RecordedGaps.Call("ward", lastEnd, T0.plusSeconds(5), Reason.of("gap.reason.vigilStopped").encode())), gaps.calls("ward"));
    }

    @Test
    void sessionsThatStoreNothingDoNotMoveTheGapStart() {
        CameraRecorder r = factory.recorder(CameraId.of("gate"));
        recordSession(r, bed.h264().packets());
        fx.clock.advance(Duration.ofSeconds(10));
        r.onEnd("camera disconnected");
        fx.clock.advance(Duration.ofSeconds(5));
        r.onStart(bed.h264().track()); // PLAY answered, then no video at all
        fx.clock.advance(Duration.ofSeconds(10));
        r.onEnd("stalled: no video for 10 s");
        r.cameraDown("cannot connect to 10.0.0.9:554: Connection refused");
        List<RecordedGaps.Call> calls = gaps.calls("gate");
        assertEquals(Set.of(T0.plusSeconds(4)), gaps.rowStarts("gate"));
        assertEquals(new RecordedGaps.Call("gate", T0.plusSeconds(4), T0.plusSeconds(25),
                since("camera disconnected", "cannot connect to 10.0.0.9:554: Connection refused")), calls.get(calls.size() - 1));
    }

    /** The stored reason of a gap whose cause was followed by another failure: a code the pages word, around both. */
    private static String since(String cause, String latest) {
        return Reason.of("gap.reason.since", "cause", cause, "latest", latest).encode();
    }

    @Test
    void openGapRowsAndTheirLimits() {
        OpenGap g = new OpenGap();
        assertNull(g.extendTo(T0), "no gap open");
        assertNull(g.close(T0));
        g.open(T0, " ");
        assertEquals("gap.reason.sessionEnded", Reason.readable(g.reason()), "a blank reason still says something");
        assertNull(g.close(T0), "no length and nothing written: nothing to write");
        assertFalse(g.isOpen());

        g.open(T0, "camera disconnected");
        OpenGap.Row row = g.extendTo(T0.plusSeconds(3));
        g.written(row);
        g.open(T0.plusSeconds(9), "connection refused"); // already open: the start stays
        assertEquals(T0, g.from());
        assertEquals(since("camera disconnected", "connection refused"), g.reason());
        assertEquals("gap.reason.since{cause=camera disconnected, latest=connection refused}", Reason.readable(g.reason()));
        g.open(T0, "camera disconnected");
        assertEquals("camera disconnected", g.reason(), "the latest failure equal to the cause is not repeated");
        // footage resuming at the very instant the gap began cuts the written row to 1 ms
        assertEquals(new OpenGap.Row(T0, T0.plusMillis(1), "camera disconnected"), g.close(T0));
    }
}
