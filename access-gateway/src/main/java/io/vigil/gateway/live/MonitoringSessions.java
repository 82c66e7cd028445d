package io.vigil.gateway.live;

import io.vigil.config.CameraId;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.grants.Purpose;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.refusals.RefusalLedger;
import io.vigil.gateway.refusals.RefusalSource;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live viewing is viewing: a wall opens only for a stated purpose, and the ledger holds
 * {@code live.start} (viewer, cameras, purpose, limits) before the first picture is sent
 * and {@code live.end} with why it ended (closed, signed out, idle, shift over, access
 * changed, server stopped). Sessions live in memory: a restarted server ends them all
 * ({@link #endAll}) and the wall asks for a purpose again.
 */
public final class MonitoringSessions {
    private final Ledger ledger;
    private final Clock clock;
    private volatile LiveSettings settings = LiveSettings.defaults();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, MonitoringSession> open = new ConcurrentHashMap<>();

    private final RefusalLedger refusals;

    public MonitoringSessions(Ledger ledger, Clock clock, RefusalLedger refusals) {
        this.ledger = ledger;
        this.clock = clock;
        this.refusals = refusals;
    }

    public void settings(LiveSettings s) {
        this.settings = s;
    }

    public LiveSettings settings() {
        return settings;
    }

    /** Opens a wall on {@code cameras} after checking the viewer holds each; live.start is durable first. */
    public MonitoringSession start(Account who, List<CameraId> cameras, Purpose purpose, String purposeText, String client) {
        String forLedger = purpose.code() + ": " + purposeText;
        if (!Permissions.mayViewFootage(who)) {
            refuse(who.username(), cameras, forLedger, client, "role " + who.role().configName() + " may not view footage");
        }
        for (CameraId c : cameras) {
            if (!who.holdsCamera(c)) refuse(who.username(), cameras, forLedger, client, "camera " + c + " is not among your cameras");
        }
        Instant now = clock.instant();
        LiveSettings s = settings;
        MonitoringSession m = new MonitoringSession(newId(), who.username(), cameras, purpose, purposeText, client, now,
                now.plus(s.shiftLength()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("monitoringSession", m.id());
        details.put("client", client);
        details.put("idleTimeout", s.idleTimeout().toString());
        details.put("endsAt", m.endsAt().toString());
        ledger.append(new LedgerRecord(LedgerEventType.LIVE_START.code(), now, who.username(), LedgerRecord.cameraList(cameras), now, null, forLedger,
                null, null, "live viewing", s.shiftLength().toString(), details));
        open.put(m.id(), m);
        return m;
    }

    /** The open session {@code id} of {@code username}, if any. */
    public Optional<MonitoringSession> find(String id, String username) {
        if (id == null) return Optional.empty();
        MonitoringSession m = open.get(id);
        return m != null && m.username().equals(username) ? Optional.of(m) : Optional.empty();
    }

    /** The viewer is at the wall (moved the mouse, pressed a key): the idle timer starts again. */
    public void activity(MonitoringSession m) {
        m.touched(clock.instant());
    }

    /** Ends the session (once): live.end with the reason, then its sockets close. Returns whether it was open. */
    public boolean end(MonitoringSession m, EndReason reason) {
        if (!open.remove(m.id(), m)) return false;
        Instant now = clock.instant();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("monitoringSession", m.id());
        details.put("reason", reason.code());
        details.put("client", m.client());
        ledger.append(new LedgerRecord(LedgerEventType.LIVE_END.code(), now, m.username(), LedgerRecord.cameraList(m.cameras()), m.startedAt(), now,
                m.purposeForLedger(), null, null, "live viewing", null, details));
        m.ended(reason);
        return true;
    }

    /** Ends every session of {@code username} (sign-out, account disabled). */
    public int endAllOf(String username, EndReason reason) {
        int n = 0;
        for (MonitoringSession m : List.copyOf(open.values())) {
            if (m.username().equals(username) && end(m, reason)) n++;
        }
        return n;
    }

    /** Ends sessions idle too long or past their shift length; run every few seconds. */
    public int sweep() {
        Instant now = clock.instant();
        LiveSettings s = settings;
        int n = 0;
        for (MonitoringSession m : List.copyOf(open.values())) {
            if (!now.isBefore(m.endsAt())) {
                if (end(m, EndReason.SHIFT_OVER)) n++;
            } else if (!now.isBefore(m.lastActivity().plus(s.idleTimeout()))) {
                if (end(m, EndReason.IDLE)) n++;
            }
        }
        return n;
    }

    public void endAll(EndReason reason) {
        for (MonitoringSession m : List.copyOf(open.values())) end(m, reason);
    }

    public int openCount() {
        return open.size();
    }

    private void refuse(String actor, List<CameraId> cameras, String purpose, String client, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("client", client);
        refusals.append(RefusalSource.user(actor, client), new LedgerRecord(LedgerEventType.LIVE_REFUSED.code(), clock.instant(), actor,
                cameras.isEmpty() ? null : LedgerRecord.cameraList(cameras), null, null, purpose, null, null, "live viewing", null, details));
        throw ApiException.forbidden(reason);
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
