package io.vigil.bench.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.sim.CameraSimHost;
import java.net.InetSocketAddress;
import java.time.Clock;

/** What the whole-server benches share: 4 Mbit/s replayed cameras (the config that pulls them all: {@code SimulatedSiteConfig}). */
final class BenchServers {
    private BenchServers() {}

    static CameraSimHost cameras(int count) throws InterruptedException {
        return CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), count, CameraSimulator.Mode.REPLAY,
                SimSettings.BENCH_4MBIT, Clock.systemUTC());
    }

    static double sum(MeterRegistry m, String name) {
        double s = 0;
        for (Counter c : m.find(name).counters()) s += c.count();
        return s;
    }
}
