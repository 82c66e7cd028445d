package io.vigil.gateway.accounts;

import io.vigil.config.CameraId;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.config.Role;
import io.vigil.storage.RecordCodec;
import io.vigil.storage.RecordTable;
import io.vigil.storage.VigilStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users, their roles and standing camera grants, in the {@code accounts} table, with
 * Argon2id passwords and login throttling. There is no default account or password:
 * the first administrator comes from {@code vigil user add} or {@code demo}.
 * Every method may block (RocksDB, Argon2): call it off the event loop.
 */
public final class AccountService {
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    private static final String PREFIX = "user/";

    private final RecordTable table;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    /** Checked when the user name is unknown, so timing does not reveal which names exist. */
    private final String dummyHash;

    public AccountService(VigilStore store, Clock clock) {
        this(store, clock, PasswordHasher.DEFAULT);
    }

    public AccountService(VigilStore store, Clock clock, PasswordHasher hasher) {
        this.table = store.table(VigilStore.ACCOUNTS);
        this.clock = clock;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(clock);
        this.dummyHash = hasher.hash("not-a-real-password-for-timing".toCharArray());
    }

    /**
     * Adds a user. The password is wiped from the array afterwards.
     *
     * @throws IllegalArgumentException naming the bad field (name, role, password length, duplicate)
     */
    public Account addUser(String name, Role role, List<CameraId> cameras, char[] password) {
        try {
            if (name == null || !USERNAME.matcher(name).matches()) {
                throw new IllegalArgumentException("username must be 2..64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (role == null) throw new IllegalArgumentException("role is required");
            List<CameraId> cams = cameras == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(cameras));
            checkPassword(password);
            synchronized (this) {
                if (table.get(PREFIX + name).isPresent()) throw new IllegalArgumentException("user '" + name + "' already exists");
                Account a = new Account(name, role, cams, hasher.hash(password), clock.instant(), false, false, null, null);
                table.put(PREFIX + name, encode(a));
                return a;
            }
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    public static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
    }

    /** Stores a changed account (the caller ledgers the change); the account must exist. */
    public synchronized void update(Account a) {
        if (table.get(PREFIX + a.username()).isEmpty()) throw new IllegalArgumentException("user '" + a.username() + "' does not exist");
        table.put(PREFIX + a.username(), encode(a));
    }

    /** Deletes an account; the ledger keeps its name in every entry it made. */
    public synchronized boolean remove(String name) {
        if (find(name).isEmpty()) return false;
        table.delete(PREFIX + name);
        return true;
    }

    /** The Argon2id hash of a new password (checked for length, then wiped). */
    public String hashNew(char[] password) {
        try {
            checkPassword(password);
            return hasher.hash(password);
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    /** Whether a password is the account's (no throttling: for a signed-in user confirming their own). */
    public boolean passwordMatches(Account a, char[] password) {
        try {
            return PasswordHasher.verify(password, a.passwordHash());
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    public Optional<Account> find(String name) {
        if (name == null || !USERNAME.matcher(name).matches()) return Optional.empty();
        return table.get(PREFIX + name).map(AccountService::decode);
    }

    public List<Account> list() {
        List<Account> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : table.scan(PREFIX)) out.add(decode(e.getValue()));
        return out;
    }

    /**
     * Checks a password, with throttling per user name and per client address.
     *
     * @throws LoginRefusedException BAD_CREDENTIALS (same for unknown user and wrong password) or LOCKED
     */
    public Account authenticate(String name, char[] password, String clientAddress) {
        return authenticate(name, password, clientAddress, role -> true);
    }

    /**
     * As above, with the role's network rule checked <em>before</em> the password: from a
     * network the account's role may not sign in from, the answer is the same whether the
     * password is right or wrong (so the rule cannot be used to test passwords), and the
     * attempt counts as a failure.
     *
     * @throws LoginRefusedException BAD_CREDENTIALS, LOCKED or NETWORK
     */
    public Account authenticate(String name, char[] password, String clientAddress,
                                java.util.function.Predicate<Role> networkAllowed) {
        try {
            String key = name == null ? "" : name;
            Duration wait = throttle.remainingLock(key, clientAddress);
            if (!wait.isZero()) {
                throw new LoginRefusedException(LoginRefusedException.Reason.LOCKED,
                        "too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s", wait);
            }
            Optional<Account> a = find(name);
            if (a.isPresent() && !networkAllowed.test(a.get().role())) {
                Duration lock = throttle.failed(key, clientAddress);
                throw new LoginRefusedException(LoginRefusedException.Reason.NETWORK,
                        "role " + a.get().role().configName() + " may not sign in from " + clientAddress, lock);
            }
            boolean ok = PasswordHasher.verify(password, a.map(Account::passwordHash).orElse(dummyHash));
            if (!ok || a.isEmpty() || a.get().disabled()) {
                Duration lock = throttle.failed(key, clientAddress);
                throw new LoginRefusedException(LoginRefusedException.Reason.BAD_CREDENTIALS,
                        "wrong user name or password", lock);
            }
            throttle.succeeded(key, clientAddress);
            return a.get();
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    /**
     * An account as stored: the role by its config name, absent values left out (not written
     * as null), so the bytes are exactly those of the hand-written encoder this replaced
     * (AccountRecordTest pins them) and rows written before read unchanged. Cameras are
     * {@link CameraId}s, written as their plain strings; a stored id breaking the rule is refused
     * on reading, naming the account record.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredAccount(String username, String role, List<CameraId> cameras, String passwordHash, Instant createdAt,
                         boolean disabled, boolean mustChangePassword, String language, StoredProposal proposal) {}

    record StoredProposal(List<CameraId> cameras, String proposedBy, Instant proposedAt) {}

    private static final RecordCodec<StoredAccount> CODEC = RecordCodec.of(StoredAccount.class, "account");

    static byte[] encode(Account a) {
        Account.CameraProposal p = a.proposal();
        return CODEC.encode(new StoredAccount(a.username(), a.role().configName(), a.cameras(), a.passwordHash(), a.createdAt(),
                a.disabled(), a.mustChangePassword(), a.language(),
                p == null ? null : new StoredProposal(p.cameras(), p.proposedBy(), p.proposedAt())));
    }

    static Account decode(byte[] bytes) {
        StoredAccount s = CODEC.decode(bytes);
        StoredProposal p = s.proposal();
        return new Account(s.username(), Role.fromConfigName(s.role()), s.cameras(), s.passwordHash(), s.createdAt(),
                s.disabled(), s.mustChangePassword(), s.language(),
                p == null ? null : new Account.CameraProposal(p.cameras(), p.proposedBy(), p.proposedAt()));
    }
}
