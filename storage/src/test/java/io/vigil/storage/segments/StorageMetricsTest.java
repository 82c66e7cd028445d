package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageMetricsTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir Path dir;

    private static double gauge(MeterRegistry r, String name, String camera) {
        return r.get(name).tag("camera", camera).gauge().value();
    }

    @Test
    void metersFollowAppendsErasesAndReopen() {
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
        try (StoreFixture f = new StoreFixture(dir, FileSystemOps.REAL, clock, StoreFixture.fixedMasterKey())) {
            SegmentKey a = f.store.append(CameraId.of("cam-01"), T0, T0.plusSeconds(2), 1, new byte[1000]);
            f.store.append(CameraId.of("cam-01"), T0.plusSeconds(2), T0.plusSeconds(4), 2, new byte[2000]);
            f.store.append(CameraId.of("cam-02"), T0.plusSeconds(86400), T0.plusSeconds(86402), 1, new byte[500]);
            long stored1 = 1000 + 2000 + 2 * (SegmentCrypto.HEADER_BYTES + SegmentCrypto.TAG_BYTES);
            MeterRegistry m = f.meters;
            assertEquals(stored1, m.get("vigil.storage.bytes.written").tag("camera", "cam-01").counter().count());
            assertEquals(2, m.get("vigil.storage.segments.written").tag("camera", "cam-01").counter().count());
            assertEquals(3, m.get("vigil.storage.write.latency").timer().count());
            assertEquals(stored1, gauge(m, "vigil.storage.bytes.stored", "cam-01"));
            assertEquals(3600, gauge(m, "vigil.storage.oldest.segment.age.seconds", "cam-01"));

            f.store.eraseSegment(a);
            assertEquals(2000 + SegmentCrypto.HEADER_BYTES + SegmentCrypto.TAG_BYTES, gauge(m, "vigil.storage.bytes.stored", "cam-01"));
            assertEquals(3598, gauge(m, "vigil.storage.oldest.segment.age.seconds", "cam-01"));
            f.store.eraseCameraDay(CameraId.of("cam-01"), LocalDate.parse("2026-11-20"));
            assertEquals(0, gauge(m, "vigil.storage.bytes.stored", "cam-01"));
            assertTrue(Double.isNaN(gauge(m, "vigil.storage.oldest.segment.age.seconds", "cam-01")));
        }
        // Reopened, the stored-bytes gauge starts from what the index holds.
        try (StoreFixture f = new StoreFixture(dir, FileSystemOps.REAL, clock, StoreFixture.fixedMasterKey())) {
            f.store.append(CameraId.of("cam-02"), T0.plusSeconds(86402), T0.plusSeconds(86404), 2, new byte[100]);
            StoreInternals.awaitStoredBytesScan(f.store);
            assertEquals(600 + 2 * (SegmentCrypto.HEADER_BYTES + SegmentCrypto.TAG_BYTES), gauge(f.meters, "vigil.storage.bytes.stored", "cam-02"),
                    "start-up sum plus what was appended meanwhile");
        }
        try (StoreFixture f = new StoreFixture(dir, FileSystemOps.REAL, clock, StoreFixture.fixedMasterKey())) {
            StoreInternals.awaitStoredBytesScan(f.store);
            assertEquals(600 + 2 * (SegmentCrypto.HEADER_BYTES + SegmentCrypto.TAG_BYTES), gauge(f.meters, "vigil.storage.bytes.stored", "cam-02"));
        }
    }
}
