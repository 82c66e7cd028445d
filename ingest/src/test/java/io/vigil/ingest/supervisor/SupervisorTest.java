package io.vigil.ingest.supervisor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.FakeCamera;
import io.vigil.ingest.rtsp.SyntheticRtpSource;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.stream.StreamListener;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several cameras at once, some of them broken on purpose: the broken ones must not hurt the good one. */
class SupervisorTest {
    private static final SupervisorOptions FAST = new SupervisorOptions(Duration.ofSeconds(1), Duration.ofMillis(100),
            Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(2), 2);

    /** Per camera, every session's listener in order. */
    private final Map<String, List<CollectingListener>> sessions = new ConcurrentHashMap<>();

    private StreamListener listenerFor(CameraId id) {
        String camera = id.value();
        CollectingListener l = new CollectingListener(1);
        sessions.computeIfAbsent(camera, k -> new CopyOnWriteArrayList<>()).add(l);
        return l;
    }

    private int packets(String camera) {
        return sessions.getOrDefault(camera, List.of()).stream().mapToInt(l -> l.packets.get()).sum();
    }

    @Test
    void brokenCamerasRecoverAndNeverDisturbTheGoodOne() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SyntheticRtpSource source = new SyntheticRtpSource(100);
             RtspServer goodCamera = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> null, id -> null, RtspServerOptions.DEFAULT, null);
             FakeCamera flaky = new FakeCamera(FakeCamera.Behaviour.DISCONNECT_EVERY_SECOND);
             FakeCamera stalling = new FakeCamera(FakeCamera.Behaviour.STALL);
             FakeCamera garbage = new FakeCamera(FakeCamera.Behaviour.GARBAGE_AFTER_PLAY);
             FakeCamera flood = new FakeCamera(FakeCamera.Behaviour.FLOOD)) {
            goodCamera.servePlayers(io.vigil.ingest.sim.RtspPlaySession.FACTORY);
            goodCamera.registerSource("good", source);
            int port = goodCamera.start().getPort();
            var config = TestConfigs.config(List.of(
                    TestConfigs.pull("good", "rtsp://127.0.0.1:" + port + "/good"),
                    TestConfigs.pull("flaky", flaky.url()),
                    TestConfigs.pull("stalling", stalling.url()),
                    TestConfigs.pull("garbage", garbage.url()),
                    TestConfigs.pull("flood", flood.url())), null);
            try (io.vigil.ingest.rtsp.LogCapture budgetLog = new io.vigil.ingest.rtsp.LogCapture(io.vigil.ingest.rtsp.InboundBudget.class);
                 IngestService ingest = new IngestService(config, this::listenerFor, meters, Clock.systemUTC(), FAST, RtspServerOptions.DEFAULT)) {
                ingest.start();
                awaitTrue(() -> ingest.states().get(CameraId.of("good")).state() == CameraState.State.RECORDING, 20, "good camera records");
                int sentBefore = source.sent();
                int receivedBefore = packets("good");

                awaitTrue(() -> ingest.states().get(CameraId.of("flaky")).reconnects() >= 3, 30, "flaky camera reconnects");
                awaitTrue(() -> sessions.getOrDefault("stalling", List.of()).stream().anyMatch(l -> l.ends.stream().map(io.vigil.storage.Reason::readable).anyMatch("gap.reason.stalled{seconds=1}"::equals)), 20,
                        "stalling camera's session is ended as stalled");
                awaitTrue(() -> ingest.states().get(CameraId.of("garbage")).reason().contains("@rtsp.failure.notRtsp"), 20, "garbage camera fails with a reason");
                awaitTrue(() -> packets("flood") > 20_000, 30, "flood camera is read");
                awaitTrue(() -> budgetLog.contains("camera flood sends faster than 64 Mbit/s; reading from it is throttled"), 30,
                        "flood camera is throttled");

                int sent = source.sent() - sentBefore;
                int received = packets("good") - receivedBefore;
                assertTrue(received >= sent * 0.9, "good camera lost packets while others misbehaved: sent " + sent + ", received " + received);
                assertEquals(1, sessions.get("good").size(), "good camera kept its one session");
                assertTrue(sessions.get("good").get(0).ends.isEmpty(), "good camera never ended");
                assertEquals(0, ingest.states().get(CameraId.of("good")).reconnects());

                // Every flaky session that started also ended, with the reason in words: the gap is reported.
                List<CollectingListener> flakySessions = sessions.get("flaky");
                assertTrue(flakySessions.size() >= 3);
                for (CollectingListener l : flakySessions.subList(0, flakySessions.size() - 1)) {
                    assertEquals(1, l.ends.size(), "each session ends exactly once: " + l.ends);
                    // Normally the camera hangs up; on a starved machine the watchdog may see the silence first.
                    assertTrue(List.of("rtsp.failure.closedByCamera", "gap.reason.stalled{seconds=1}").contains(io.vigil.storage.Reason.readable(l.ends.get(0))),
                            l.ends.toString());
                }
                assertTrue(flakySessions.stream().anyMatch(l -> l.ends.stream().map(io.vigil.storage.Reason::readable).anyMatch("rtsp.failure.closedByCamera"::equals)));
                CameraState stall = ingest.states().get(CameraId.of("stalling"));
                assertTrue(stall.reconnects() >= 1, stall.toString());
                assertTrue(meters.get("vigil.ingest.rtsp.errors").tag("camera", "garbage").counter().count() >= 1);
                assertTrue(meters.get("vigil.ingest.reconnects").tag("camera", "flaky").counter().count() >= 3);
                assertTrue(meters.get("vigil.ingest.rtp.packets").tag("camera", "good").counter().count() >= received);
                assertTrue(meters.get("vigil.ingest.last.packet.epoch.seconds").tag("camera", "good").gauge().value() > 1.7e9);
                assertTrue(ingest.states().get(CameraId.of("good")).lastFrame() != null);
                assertTrue(budgetLog.contains("camera flood sends faster than 64 Mbit/s; reading from it is throttled"), budgetLog.messages().toString());
                assertTrue(budgetLog.messages().stream().noneMatch(m -> m.startsWith("camera good")), "the good camera is never throttled");
            }
        }
    }

    @Test
    void stateWalksConnectingRecordingStalledAndBack() throws Exception {
        try (FakeCamera stalling = new FakeCamera(FakeCamera.Behaviour.STALL)) {
            var config = TestConfigs.config(List.of(TestConfigs.pull("cam", stalling.url())), null);
            List<CameraState.State> seen = new CopyOnWriteArrayList<>();
            try (IngestService ingest = new IngestService(config, this::listenerFor, new SimpleMeterRegistry(), Clock.systemUTC(), FAST, RtspServerOptions.DEFAULT)) {
                ingest.start();
                awaitTrue(() -> {
                    CameraState.State s = ingest.states().get(CameraId.of("cam")).state();
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != s) seen.add(s);
                    return seen.contains(CameraState.State.STALLED) && s == CameraState.State.RECORDING && ingest.states().get(CameraId.of("cam")).reconnects() >= 1;
                }, 20, "camera goes through STALLED back to RECORDING");
                assertEquals(CameraState.State.RECORDING, seen.get(seen.indexOf(CameraState.State.STALLED) - 1), "STALLED follows RECORDING: " + seen);
                assertTrue(stalling.keepAlives.get() >= 0);
            }
        }
    }

    static void awaitTrue(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling interval of a deadline-bounded wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
        throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
    }

}
