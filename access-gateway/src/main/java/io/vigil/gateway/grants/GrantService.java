package io.vigil.gateway.grants;

import io.vigil.config.CameraId;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.refusals.RefusalLedger;
import io.vigil.gateway.refusals.RefusalSource;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.RecordCodec;
import io.vigil.storage.RecordTable;
import io.vigil.storage.VigilStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues viewing grants and is the one gate every footage request passes: it checks the
 * grant's owner, expiry, cameras and range, records refusals ({@code view.refused}) and
 * the start and end of viewing in the ledger. Ledger appends are durable when they
 * return, so a {@code view.start} written here precedes the first byte served.
 */
public final class GrantService {
    public static final Duration GRANT_LIFETIME = Duration.ofHours(1);
    public static final Duration MAX_RANGE = Duration.ofHours(24);
    private static final String PREFIX = "grant/";

    private final RecordTable table;
    private final Ledger ledger;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Playbacks (grant and camera) that have a view.start without a view.end yet. */
    private final Set<ActiveView> activeViews = ConcurrentHashMap.newKeySet();

    private record ActiveView(String grantId, CameraId camera) {}

    private final RefusalLedger refusals;

    public GrantService(VigilStore store, Clock clock, RefusalLedger refusals) {
        this.table = store.table(VigilStore.GRANTS);
        this.ledger = store.ledger();
        this.clock = clock;
        this.refusals = refusals;
    }

    /** Issues a grant after checking the account may view each camera; the grant.issue entry is durable first. */
    public ViewingGrant issue(Account who, List<CameraId> cameras, Instant from, Instant to, Purpose purpose, String purposeText, String client) {
        if (!Permissions.mayViewFootage(who)) {
            refuse(who.username(), LedgerEventType.GRANT_REFUSED, cameras, from, to, purpose.code() + ": " + purposeText, client,
                    "role " + who.role().configName() + " may not view footage", null);
        }
        for (CameraId c : cameras) {
            if (!who.holdsCamera(c)) {
                refuse(who.username(), LedgerEventType.GRANT_REFUSED, cameras, from, to, purpose.code() + ": " + purposeText, client,
                        "camera " + c + " is not among your cameras", null);
            }
        }
        Instant now = clock.instant();
        String id = newId();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("grantId", id);
        details.put("client", client);
        details.put("expiresAt", now.plus(GRANT_LIFETIME).toString());
        LedgerEntry e = ledger.append(LedgerRecord.builder(LedgerEventType.GRANT_ISSUE, now, who.username())
                .cameras(cameras).footage(from, to).purpose(purpose.code() + ": " + purposeText)
                .form("viewing grant").period(GRANT_LIFETIME.toString()).details(details).build());
        ViewingGrant g = new ViewingGrant(id, who.username(), cameras, from, to, purpose, purposeText, now, now.plus(GRANT_LIFETIME), e.number());
        table.put(PREFIX + id, encode(g));
        return g;
    }

    public Optional<ViewingGrant> find(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) return Optional.empty();
        return table.get(PREFIX + id).map(GrantService::decode);
    }

    /**
     * The grant, when {@code who} may use it for {@code camera} over [from, to) now;
     * otherwise records {@code view.refused} with the reason and throws 403.
     */
    public ViewingGrant authorize(Account who, String grantId, CameraId camera, Instant from, Instant to, String action, String client) {
        Optional<ViewingGrant> og = find(grantId);
        if (og.isEmpty()) refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(camera), from, to, null, client, "no such grant " + grantId, action);
        ViewingGrant g = og.get();
        String purpose = g.purposeForLedger();
        if (!g.username().equals(who.username())) {
            refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(camera), from, to, purpose, client, "grant " + grantId + " belongs to another user", action);
        }
        if (!clock.instant().isBefore(g.expiresAt())) {
            refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(camera), from, to, purpose, client, "grant " + grantId + " expired at " + g.expiresAt(), action);
        }
        if (!g.cameras().contains(camera)) {
            refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(camera), from, to, purpose, client, "camera " + camera + " is not in grant " + grantId, action);
        }
        if (!who.holdsCamera(camera) || !Permissions.mayViewFootage(who)) {
            refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(camera), from, to, purpose, client, "camera " + camera + " is no longer among your cameras", action);
        }
        if (from.isBefore(g.from()) || to.isAfter(g.to()) || !from.isBefore(to)) {
            refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(camera), from, to, purpose, client,
                    "range " + from + ".." + to + " is outside grant " + grantId + " (" + g.from() + ".." + g.to() + ")", action);
        }
        return g;
    }

    /** The grant when it exists and is {@code who}'s own; otherwise records {@code view.refused} and throws 403. */
    public ViewingGrant authorizeOwner(Account who, String grantId, String action, String client) {
        Optional<ViewingGrant> og = find(grantId);
        if (og.isEmpty()) refuse(who.username(), LedgerEventType.VIEW_REFUSED, List.of(), null, null, null, client, "no such grant " + grantId, action);
        if (!og.get().username().equals(who.username())) {
            refuse(who.username(), LedgerEventType.VIEW_REFUSED, og.get().cameras(), og.get().from(), og.get().to(), og.get().purposeForLedger(), client,
                    "grant " + grantId + " belongs to another user", action);
        }
        return og.get();
    }

    /** Records view.start once per grant and camera until view.end; returns true when it wrote one. */
    public boolean startViewing(ViewingGrant g, CameraId camera, Instant from, Instant to, String client) {
        return startViewing(g, camera, from, to, client, Map.of());
    }

    /**
     * As {@link #startViewing(ViewingGrant, CameraId, Instant, Instant, String)}, with more
     * details for the entry (what the footage holds: its parts and gaps).
     */
    public boolean startViewing(ViewingGrant g, CameraId camera, Instant from, Instant to, String client, Map<String, String> more) {
        ActiveView view = new ActiveView(g.id(), camera);
        if (!activeViews.add(view)) return false;
        try {
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("grantId", g.id());
            details.put("client", client);
            details.putAll(more);
            ledger.append(LedgerRecord.builder(LedgerEventType.VIEW_START, clock.instant(), g.username()).camera(camera)
                    .footage(from, to).purpose(g.purposeForLedger()).form("viewing (streamed MP4)")
                    .details(details).build());
        } catch (RuntimeException e) {
            activeViews.remove(view);
            throw e;
        }
        return true;
    }

    /** Records view.end for the grant's cameras being viewed (or all its cameras when none is). */
    public List<CameraId> endViewing(ViewingGrant g, String client) {
        List<CameraId> ended = new ArrayList<>();
        for (CameraId c : g.cameras()) if (activeViews.remove(new ActiveView(g.id(), c))) ended.add(c);
        List<CameraId> cams = ended.isEmpty() ? g.cameras() : ended;
        ledger.append(LedgerRecord.builder(LedgerEventType.VIEW_END, clock.instant(), g.username()).cameras(cams)
                .footage(g.from(), g.to()).purpose(g.purposeForLedger()).form("viewing (streamed MP4)")
                .details(Map.of("grantId", g.id(), "client", client)).build());
        return cams;
    }

    /**
     * Records {@code view.end} for playbacks whose grant has expired without an explicit end
     * (browser closed, network lost), so every viewing in the ledger has an end. Returns
     * how many were ended.
     */
    public int endExpiredViewings() {
        Instant now = clock.instant();
        int n = 0;
        for (ActiveView view : List.copyOf(activeViews)) {
            String grantId = view.grantId();
            Optional<ViewingGrant> g = find(grantId);
            if (g.isPresent() && now.isBefore(g.get().expiresAt())) continue;
            if (!activeViews.remove(view)) continue;
            String user = g.map(ViewingGrant::username).orElse("gateway");
            ledger.append(LedgerRecord.builder(LedgerEventType.VIEW_END, now, user).camera(view.camera())
                    .footage(g.map(ViewingGrant::from).orElse(null), g.map(ViewingGrant::to).orElse(null))
                    .purpose(g.map(ViewingGrant::purposeForLedger).orElse(null)).form("viewing (streamed MP4)")
                    .details(Map.of("grantId", grantId, "reason", "grant expired without an explicit end")).build());
            n++;
        }
        return n;
    }

    /**
     * Deletes grant records that expired more than a day ago: they can never open footage
     * again and the ledger keeps the facts ({@code grant.issue}, views), so the table holds
     * only what is still needed. Returns how many were deleted.
     */
    public int deleteLongExpired() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(1));
        int n = 0;
        for (Map.Entry<String, byte[]> e : table.scan(PREFIX)) {
            ViewingGrant g = decode(e.getValue());
            if (g.expiresAt().isBefore(cutoff) && activeViews.stream().noneMatch(v -> v.grantId().equals(g.id()))) {
                table.delete(e.getKey());
                n++;
            }
        }
        return n;
    }

    public boolean viewing(String grantId, CameraId camera) {
        return activeViews.contains(new ActiveView(grantId, camera));
    }

    private void refuse(String actor, LedgerEventType type, List<CameraId> cameras, Instant from, Instant to, String purpose, String client, String reason, String action) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("client", client);
        if (action != null) details.put("action", action);
        refusals.append(RefusalSource.user(actor, client), LedgerRecord.builder(type, clock.instant(), actor)
                .cameras(cameras.isEmpty() ? null : LedgerRecord.cameraList(cameras)).footage(from, to).purpose(purpose).details(details).build());
        throw ApiException.forbidden(reason);
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A grant as stored: the purpose by its code, the cameras as their plain strings. */
    record StoredGrant(String id, String username, List<CameraId> cameras, Instant from, Instant to, String purpose,
                       String purposeText, Instant issuedAt, Instant expiresAt, long ledgerEntry) {}

    private static final RecordCodec<StoredGrant> CODEC = RecordCodec.of(StoredGrant.class, "viewing grant");

    static byte[] encode(ViewingGrant g) {
        return CODEC.encode(new StoredGrant(g.id(), g.username(), g.cameras(), g.from(), g.to(), g.purpose().code(),
                g.purposeText(), g.issuedAt(), g.expiresAt(), g.ledgerEntry()));
    }

    static ViewingGrant decode(byte[] b) {
        StoredGrant s = CODEC.decode(b);
        return new ViewingGrant(s.id(), s.username(), s.cameras(), s.from(), s.to(),
                Purpose.fromCode(s.purpose()).orElse(Purpose.OTHER), s.purposeText(), s.issuedAt(), s.expiresAt(),
                s.ledgerEntry());
    }
}
