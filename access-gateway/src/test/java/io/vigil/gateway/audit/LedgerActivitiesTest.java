package io.vigil.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping over a real ledger: viewings whose entries lie far apart, filters matching one member, the limit in rows. */
class LedgerActivitiesTest {
    private static final char[] PASS = "activities test passphrase".toCharArray();
    private static final Instant T = Instant.parse("2026-11-24T05:00:00Z");

    @TempDir
    Path dir;
    private VigilStore store;
    private Ledger ledger;
    private Instant now = T;

    @BeforeEach
    void open() throws Exception {
        Path keystore = dir.resolve("ks");
        Files.createDirectories(dir.resolve("data"));
        Keystore.create(keystore, PASS.clone(), new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        store = VigilStores.open(new StoreOptions(dir.resolve("data"), keystore, PASS.clone(), Clock.systemUTC(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        ledger = store.ledger();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private LedgerEntry add(LedgerEventType type, String actor, String camera, String grant, String recipient) {
        now = now.plusSeconds(1);
        LedgerRecord.Builder b = LedgerRecord.builder(type, now, actor);
        if (camera != null) b.cameras(camera).footage(T.minusSeconds(3600), T.minusSeconds(3000)).purpose("crime-prevention: wallet");
        if (recipient != null) b.recipient(recipient);
        return ledger.append(b.details(grant == null ? Map.of() : Map.of("grantId", grant)).build());
    }

    private static List<String> keys(List<Activity> rows) {
        return rows.stream().map(Activity::key).toList();
    }

    private static List<String> types(Activity a) {
        return a.entries().stream().map(e -> e.record().type()).toList();
    }

    @Test
    void aViewingIsOneRowWithAllItsEntriesEvenWhenAFilterMatchesOnlyOne() {
        add(LedgerEventType.GRANT_ISSUE, "kim", "cam-01", "A", null);
        // More entries between than one page of the scan (2048), as on a busy day.
        for (int i = 0; i < 2100; i++) add(LedgerEventType.LOGIN, "someone", null, null, null);
        add(LedgerEventType.VIEW_START, "kim", "cam-01", "A", null);
        add(LedgerEventType.GRANT_ISSUE, "lee", "cam-02", "B", null);
        add(LedgerEventType.EXPORT, "kim", "cam-01", "A", "Police station 3");
        LedgerEntry last = add(LedgerEventType.VIEW_END, "kim", "cam-01", "A", null);
        for (int i = 0; i < 3; i++) add(LedgerEventType.LOGOUT, "someone", null, null, null);

        LedgerActivities activities = new LedgerActivities(ledger, Duration.ofHours(2));
        List<Activity> exports = activities.find(new LedgerFilter(null, null, null, null, null, null, null, "export"), 10);
        assertEquals(List.of("grant:A"), keys(exports));
        assertEquals(Activity.Kind.VIEWING, exports.get(0).kind());
        assertEquals(List.of("grant.issue", "view.start", "export", "view.end"), types(exports.get(0)),
                "the grant 2100 entries earlier and the end after the export belong to the row");
        assertEquals(last.number(), exports.get(0).last().number());

        List<Activity> newest = activities.find(LedgerFilter.ANY, 5);
        assertEquals(5, newest.size(), "the limit counts rows");
        assertEquals(List.of("entry:" + (last.number() + 3), "entry:" + (last.number() + 2), "entry:" + (last.number() + 1), "grant:A", "grant:B"),
                keys(newest), "newest first, a viewing placed by its newest entry");
        assertEquals(4, newest.get(3).entries().size());

        List<Activity> byCamera = activities.find(new LedgerFilter(null, Set.of("cam-02"), null, null, null, null, null, null), 10);
        assertEquals(List.of("grant:B"), keys(byCamera));
        List<Activity> byUser = activities.find(new LedgerFilter("KIM", null, null, null, null, null, null, null), 10);
        assertEquals(List.of("grant:A"), keys(byUser), "user names match without case");
    }

    @Test
    void aTimeFilterBeforeTheEndStillShowsTheEnd() {
        add(LedgerEventType.GRANT_ISSUE, "kim", "cam-01", "A", null);
        Instant afterGrant = now.plusMillis(500);
        add(LedgerEventType.VIEW_START, "kim", "cam-01", "A", null);
        add(LedgerEventType.VIEW_END, "kim", "cam-01", "A", null);
        List<Activity> rows = new LedgerActivities(ledger, Duration.ofHours(2))
                .find(new LedgerFilter(null, null, T, afterGrant, null, null, null, null), 10);
        assertEquals(List.of("grant:A"), keys(rows));
        assertEquals(List.of("grant.issue", "view.start", "view.end"), types(rows.get(0)));
    }
}
