package io.vigil.gateway.accounts;

import io.vigil.storage.RecordCodec;
import io.vigil.storage.RecordTable;
import io.vigil.storage.VigilStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in the {@code sessions} table with an idle and an absolute expiry. A new
 * random id is made at every login (a cookie set before login is never adopted), and
 * each session has its own CSRF token.
 */
public final class SessionService {
    public static final Duration IDLE = Duration.ofMinutes(15);
    public static final Duration ABSOLUTE = Duration.ofHours(8);
    private static final String PREFIX = "session/";

    private final RecordTable table;
    private final Clock clock;
    private final Duration idle;
    /** Last-seen is written at most this often, to spare RocksDB a synced write per request. */
    private final Duration touchEvery;
    private final SecureRandom random = new SecureRandom();

    public SessionService(VigilStore store, Clock clock) {
        this(store, clock, IDLE);
    }

    public SessionService(VigilStore store, Clock clock, Duration idle) {
        this.table = store.table(VigilStore.SESSIONS);
        this.clock = clock;
        this.idle = idle;
        Duration tenth = idle.dividedBy(10);
        this.touchEvery = tenth.compareTo(Duration.ofSeconds(30)) < 0 ? tenth : Duration.ofSeconds(30);
    }

    public Duration idle() {
        return idle;
    }

    /** How long a session has left without activity (zero when ended). */
    public Duration idleRemaining(Session s) {
        Duration left = Duration.between(clock.instant(), s.lastSeenAt().plus(idle));
        Duration absolute = Duration.between(clock.instant(), s.createdAt().plus(ABSOLUTE));
        Duration min = left.compareTo(absolute) < 0 ? left : absolute;
        return min.isNegative() ? Duration.ZERO : min;
    }

    /** A new session; returns it with the cookie value (the only place the raw id exists). */
    public Map.Entry<String, Session> create(String username, String clientAddress) {
        String id = randomToken();
        Instant now = clock.instant();
        Session s = new Session(hash(id), username, randomToken(), now, now, clientAddress);
        table.put(PREFIX + s.idHash(), encode(s));
        return Map.entry(id, s);
    }

    /** The live session for a cookie value, refreshing its idle timer; empty when unknown or expired (then deleted). */
    public Optional<Session> resolve(String cookieValue) {
        return resolve(cookieValue, true);
    }

    /**
     * The live session for a cookie value; {@code activity} false for a page's own
     * background refresh, which must not keep an unattended page signed in.
     */
    public Optional<Session> resolve(String cookieValue, boolean activity) {
        if (cookieValue == null || cookieValue.length() != 43 || !cookieValue.matches("[A-Za-z0-9_-]+")) return Optional.empty();
        String key = PREFIX + hash(cookieValue);
        Optional<byte[]> raw = table.get(key);
        if (raw.isEmpty()) return Optional.empty();
        Session s = decode(raw.get());
        Instant now = clock.instant();
        if (!now.isBefore(s.createdAt().plus(ABSOLUTE)) || !now.isBefore(s.lastSeenAt().plus(idle))) {
            table.delete(key);
            return Optional.empty();
        }
        if (activity && Duration.between(s.lastSeenAt(), now).compareTo(touchEvery) > 0) {
            s = new Session(s.idHash(), s.username(), s.csrfToken(), s.createdAt(), now, s.clientAddress());
            table.put(key, encode(s));
        }
        return Optional.of(s);
    }

    public void delete(Session s) {
        table.delete(PREFIX + s.idHash());
    }

    /** Ends every session of a user (e.g. when the account changes). */
    /** Ends every session of a user (disabled, removed, password reset); returns how many. */
    public int deleteAllOf(String username) {
        int n = 0;
        for (Map.Entry<String, byte[]> e : table.scan(PREFIX)) {
            if (decode(e.getValue()).username().equals(username)) {
                table.delete(e.getKey());
                n++;
            }
        }
        return n;
    }

    /** Deletes expired sessions; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        int n = 0;
        for (Map.Entry<String, byte[]> e : table.scan(PREFIX)) {
            Session s = decode(e.getValue());
            if (!now.isBefore(s.createdAt().plus(ABSOLUTE)) || !now.isBefore(s.lastSeenAt().plus(idle))) {
                table.delete(e.getKey());
                n++;
            }
        }
        return n;
    }

    /** Constant-time comparison of the CSRF header with the session's token. */
    public static boolean csrfMatches(Session s, String header) {
        if (header == null) return false;
        return MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session as stored (field names of the first version kept). */
    private record StoredSession(String idHash, String username, String csrf, Instant createdAt, Instant lastSeenAt,
                                 String client) {}

    private static final RecordCodec<StoredSession> CODEC = RecordCodec.of(StoredSession.class, "session");

    private static byte[] encode(Session s) {
        return CODEC.encode(new StoredSession(s.idHash(), s.username(), s.csrfToken(), s.createdAt(), s.lastSeenAt(),
                s.clientAddress()));
    }

    private static Session decode(byte[] b) {
        StoredSession s = CODEC.decode(b);
        return new Session(s.idHash(), s.username(), s.csrf(), s.createdAt(), s.lastSeenAt(),
                s.client() == null ? "" : s.client());
    }
}
