package io.vigil.gateway.live;

import io.vigil.config.CameraId;
import io.vigil.gateway.grants.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One open live wall: who watches which cameras, why, since when, and who to tell when it ends. */
public final class MonitoringSession {
    private final String id;
    private final String username;
    private final List<CameraId> cameras;
    private final Purpose purpose;
    private final String purposeText;
    private final String client;
    private final Instant startedAt;
    private final Instant endsAt;
    private volatile Instant lastActivity;
    /** The open sockets' closers: run once when the session ends. */
    private final Set<java.util.function.Consumer<EndReason>> onEnd = ConcurrentHashMap.newKeySet();

    MonitoringSession(String id, String username, List<CameraId> cameras, Purpose purpose, String purposeText, String client,
                      Instant startedAt, Instant endsAt) {
        this.id = id;
        this.username = username;
        this.cameras = List.copyOf(cameras);
        this.purpose = purpose;
        this.purposeText = purposeText;
        this.client = client;
        this.startedAt = startedAt;
        this.endsAt = endsAt;
        this.lastActivity = startedAt;
    }

    public String id() { return id; }
    public String username() { return username; }
    public List<CameraId> cameras() { return cameras; }
    public Purpose purpose() { return purpose; }
    public String purposeText() { return purposeText; }
    public String client() { return client; }
    public Instant startedAt() { return startedAt; }
    /** When the shift length ends it. */
    public Instant endsAt() { return endsAt; }
    public Instant lastActivity() { return lastActivity; }

    public String purposeForLedger() {
        return purpose.code() + ": " + purposeText;
    }

    void touched(Instant at) {
        lastActivity = at;
    }

    /** Runs {@code action} when the session ends; returns the handle that cancels it. */
    public Runnable onEnd(java.util.function.Consumer<EndReason> action) {
        onEnd.add(action);
        return () -> onEnd.remove(action);
    }

    void ended(EndReason reason) {
        for (var action : List.copyOf(onEnd)) {
            try {
                action.accept(reason);
            } catch (RuntimeException ignored) {
                // a socket already gone: nothing to tell
            }
        }
        onEnd.clear();
    }
}
