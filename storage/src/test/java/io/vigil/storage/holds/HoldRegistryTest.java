package io.vigil.storage.holds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legal holds on a real store: records survive reopen, every change is a ledger entry. */
class HoldRegistryTest {
    static final char[] PASS = "hold test passphrase".toCharArray();
    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir Path dir;
    final MutableClock clock = new MutableClock(T0);
    VigilStore store;
    HoldRegistry holds;

    @BeforeEach
    void open() {
        Keystore.create(dir.resolve("ks"), PASS, new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        reopen();
    }

    void reopen() {
        if (store != null) store.close();
        store = VigilStores.open(new StoreOptions(dir.resolve("data"), dir.resolve("ks"), PASS.clone(), clock,
                new SimpleMeterRegistry()));
        holds = new HoldRegistry(store.table(VigilStore.HOLDS), store.ledger(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void placeExtendReleaseAreStoredAndLedgered() {
        Instant from = Instant.parse("2026-11-10T08:00:00Z");
        Instant to = Instant.parse("2026-11-10T09:00:00Z");
        LegalHold h = holds.place(List.of(CameraId.of("cam-01"), CameraId.of("cam-02")), from, to, "police request: theft in ward 3", "KNPA-2026-1142",
                T0.plus(Duration.ofDays(30)), "officer.kim");
        assertTrue(h.id().startsWith("H-20261120-"), h.id());
        assertEquals("officer.kim", h.placedBy());
        assertEquals(T0, h.placedAt());

        LedgerEntry placed = last("hold.place");
        assertEquals("officer.kim", placed.record().actor());
        assertEquals("cam-01,cam-02", placed.record().cameraIds());
        assertEquals(from, placed.record().footageFrom());
        assertEquals(to, placed.record().footageTo());
        assertEquals(h.id(), placed.record().details().get("holdId"));
        assertEquals("KNPA-2026-1142", placed.record().details().get("reference"));

        clock.advance(Duration.ofDays(1));
        LegalHold extended = holds.extend(h.id(), T0.plus(Duration.ofDays(60)), "officer.lee");
        assertEquals(T0.plus(Duration.ofDays(60)), extended.expiresAt());
        assertEquals(T0.plus(Duration.ofDays(30)).toString(), last("hold.extend").record().details().get("previousExpiresAt"));

        reopen();
        assertEquals(extended, holds.get(h.id()), "hold survives reopen exactly");
        assertTrue(holds.covers(CameraId.of("cam-02"), from.plusSeconds(60), from.plusSeconds(62), clock.instant()));
        assertFalse(holds.covers(CameraId.of("cam-03"), from.plusSeconds(60), from.plusSeconds(62), clock.instant()), "other camera");
        assertFalse(holds.covers(CameraId.of("cam-01"), to, to.plusSeconds(2), clock.instant()), "range end is exclusive");
        assertTrue(holds.covers(CameraId.of("cam-01"), to.minusSeconds(1), to.plusSeconds(1), clock.instant()), "overlap counts");

        clock.advance(Duration.ofHours(1));
        LegalHold released = holds.release(h.id(), "case closed", "officer.kim");
        assertEquals(clock.instant(), released.releasedAt());
        assertEquals("case closed", last("hold.release").record().details().get("releaseReason"));
        assertFalse(holds.covers(CameraId.of("cam-01"), from, from.plusSeconds(2), clock.instant()), "released hold keeps nothing");
        assertTrue(holds.activeAt(clock.instant()).isEmpty());
        assertEquals(1, holds.all().size(), "released holds are still listed");
        assertEquals("released", holds.all().get(0).stateAt(clock.instant()));
        assertTrue(store.ledger().verify().ok());
    }

    @Test
    void heldFootageSaysWhatAHoldKeeps() {
        Instant from = Instant.parse("2026-11-10T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            Instant s = from.plusSeconds(2L * i);
            store.segments().append(CameraId.of("cam-01"), s, s.plusSeconds(2), i, new byte[100]);
        }
        LegalHold h = holds.place(List.of(CameraId.of("cam-01"), CameraId.of("cam-02")), from.plusSeconds(3), from.plusSeconds(7), "r", null,
                T0.plus(Duration.ofDays(3)), "officer");
        List<HeldFootage> kept = HeldFootage.of(h, store.segments());
        assertEquals(2, kept.size());
        assertEquals(3, kept.get(0).segments(), "segments 1, 2, 3 overlap [3 s, 7 s)");
        assertEquals(from.plusSeconds(2), kept.get(0).from());
        assertEquals(from.plusSeconds(8), kept.get(0).to());
        assertTrue(kept.get(0).bytes() >= 300);
        assertEquals(0, kept.get(1).segments());
        assertEquals(T0.plus(Duration.ofDays(3)), kept.get(1).keptUntil());
    }

    @Test
    void expiryEndsProtection() {
        LegalHold h = holds.place(List.of(CameraId.of("cam-01")), T0.minus(Duration.ofDays(20)), T0.minus(Duration.ofDays(19)), "complaint",
                null, T0.plus(Duration.ofDays(2)), "officer.kim");
        Instant seg = T0.minus(Duration.ofDays(20)).plusSeconds(10);
        assertTrue(holds.covers(CameraId.of("cam-01"), seg, seg.plusSeconds(2), T0.plus(Duration.ofDays(2)).minusMillis(1)));
        assertFalse(holds.covers(CameraId.of("cam-01"), seg, seg.plusSeconds(2), T0.plus(Duration.ofDays(2))));
        clock.advance(Duration.ofDays(3));
        assertEquals("expired", holds.get(h.id()).stateAt(clock.instant()));
        HoldStateException e = assertThrows(HoldStateException.class, () -> holds.extend(h.id(), T0.plus(Duration.ofDays(9)), "x"));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertThrows(HoldStateException.class, () -> holds.release(h.id(), "late", "x"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Instant a = T0.minus(Duration.ofDays(1));
        assertField("cameras", () -> holds.place(List.of(), a, T0, "r", null, T0.plusSeconds(60), "o"));
        assertField("to", () -> holds.place(List.of(CameraId.of("c")), T0, a, "r", null, T0.plusSeconds(60), "o"));
        assertField("reason", () -> holds.place(List.of(CameraId.of("c")), a, T0, " ", null, T0.plusSeconds(60), "o"));
        assertField("expiresAt", () -> holds.place(List.of(CameraId.of("c")), a, T0, "r", null, T0.minusSeconds(1), "o"));
        assertField("expiresAt", () -> holds.place(List.of(CameraId.of("c")), a, T0, "r", null, null, "o"));
        assertField("actor", () -> holds.place(List.of(CameraId.of("c")), a, T0, "r", null, T0.plusSeconds(60), null));
        assertField("reason", () -> holds.place(List.of(CameraId.of("c")), a, T0, "x".repeat(501), null, T0.plusSeconds(60), "o"));
        LegalHold h = holds.place(List.of(CameraId.of("c")), a, T0, "r", null, T0.plusSeconds(60), "o");
        assertField("expiresAt", () -> holds.extend(h.id(), T0.plusSeconds(30), "o"));
        assertThrows(HoldNotFoundException.class, () -> holds.release("H-nope", "r", "o"));
        assertEquals(1, store.ledger().size(), "refused requests write nothing");
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    private LedgerEntry last(String type) {
        List<LedgerEntry> found = store.ledger().search(e -> e.record().type().equals(type), 1000);
        assertFalse(found.isEmpty(), "no ledger entry of type " + type);
        LedgerEntry e = found.get(found.size() - 1);
        assertNotNull(e.record().time());
        return e;
    }

    /** A hold record exactly as the hand-written encoder before the typed codec stored it. */
    static final String STORED_BEFORE_CODEC = "{\"id\":\"H-20261120-0a1b\",\"cameraIds\":[\"cam-01\",\"cam-02\"],"
            + "\"from\":\"2026-11-10T08:00:00Z\",\"to\":\"2026-11-10T09:00:00Z\",\"reason\":\"police request\","
            + "\"reference\":null,\"placedBy\":\"officer\",\"placedAt\":\"2026-11-20T09:00:00Z\","
            + "\"expiresAt\":\"2026-12-20T09:00:00Z\",\"releasedAt\":null,\"releasedBy\":null}";

    @Test
    void holdsStoredBeforeTheTypedCodecReadBackAndAreStoredByteForByteTheSame() {
        store.table(VigilStore.HOLDS).put("H-20261120-0a1b", STORED_BEFORE_CODEC.getBytes(StandardCharsets.UTF_8));
        LegalHold h = holds.get("H-20261120-0a1b");
        assertEquals(new LegalHold("H-20261120-0a1b", List.of(CameraId.of("cam-01"), CameraId.of("cam-02")), Instant.parse("2026-11-10T08:00:00Z"),
                Instant.parse("2026-11-10T09:00:00Z"), "police request", null, "officer", T0,
                Instant.parse("2026-12-20T09:00:00Z"), null, null), h);
        holds.release(h.id(), "case closed", "officer");
        String after = new String(store.table(VigilStore.HOLDS).get(h.id()).orElseThrow(), StandardCharsets.UTF_8);
        assertEquals(STORED_BEFORE_CODEC.replace("\"releasedAt\":null,\"releasedBy\":null",
                "\"releasedAt\":\"" + T0 + "\",\"releasedBy\":\"officer\""), after);
    }
}
