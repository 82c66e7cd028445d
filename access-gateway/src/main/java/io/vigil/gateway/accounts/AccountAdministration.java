package io.vigil.gateway.accounts;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import io.vigil.config.SiteSettings;
import io.vigil.gateway.accounts.AccountChangeRefused.Kind;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every change to an account, from the web or the command line, each one ledgered with
 * who made it: add, disable, enable, remove, password reset (one-time password, change
 * forced at the next sign-in), own password change, cameras, language.
 *
 * <p>Cameras follow a two-person rule: cameras an account did not hold are only
 * <em>proposed</em> by an administrator and held back until a privacy officer (another
 * person) approves; cameras taken away go at once. So no single administrator can give
 * an account footage it could not see before.
 */
public final class AccountAdministration {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O, 1/l/I: a one-time password is read aloud or copied from a screen. */
    private static final String OTP_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final AccountService accounts;
    private final SessionService sessions;
    private final Ledger ledger;
    private final Clock clock;
    private final Predicate<CameraId> cameraExists;

    public AccountAdministration(AccountService accounts, SessionService sessions, Ledger ledger, Clock clock, Predicate<CameraId> cameraExists) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.ledger = ledger;
        this.clock = clock;
        this.cameraExists = cameraExists;
    }

    /** Adds an account without cameras; the cameras asked for are proposed for a privacy officer's approval. */
    public Account add(String actor, String name, Role role, List<CameraId> cameras, char[] password, String where) {
        checkCameras(cameras);
        Account a;
        try {
            a = accounts.addUser(name, role, List.of(), password);
        } catch (IllegalArgumentException e) {
            throw new AccountChangeRefused(e.getMessage().contains("already exists") ? Kind.CONFLICT : Kind.INVALID,
                    "account.error.invalid", Map.of("detail", e.getMessage()));
        }
        log(LedgerEventType.USER_ADD, actor, a, where, Map.of("role", role.configName()));
        if (!cameras.isEmpty()) a = propose(actor, a, new LinkedHashSet<>(cameras), where);
        return a;
    }

    public Account disable(String actor, String name, String where) {
        Account a = existing(name);
        refuseSelfAndLastAdministrator(actor, a, "disable");
        if (a.disabled()) return a;
        Account d = a.withDisabled(true);
        accounts.update(d);
        int ended = sessions.deleteAllOf(name);
        log(LedgerEventType.USER_DISABLE, actor, d, where, Map.of("sessionsEnded", Integer.toString(ended)));
        return d;
    }

    public Account enable(String actor, String name, String where) {
        Account a = existing(name);
        if (!a.disabled()) return a;
        Account e = a.withDisabled(false);
        accounts.update(e);
        log(LedgerEventType.USER_ENABLE, actor, e, where, Map.of());
        return e;
    }

    /** Removes the account; its sessions end; the ledger keeps the name in every entry. */
    public void remove(String actor, String name, String where) {
        Account a = existing(name);
        refuseSelfAndLastAdministrator(actor, a, "remove");
        sessions.deleteAllOf(name);
        accounts.remove(name);
        log(LedgerEventType.USER_REMOVE, actor, a, where, Map.of("role", a.role().configName(), "cameras", LedgerRecord.cameraList(a.cameras())));
    }

    /** A new one-time password (returned once, never stored in clear); the user must change it at the next sign-in. */
    public String resetPassword(String actor, String name, String where) {
        Account a = existing(name);
        String otp = oneTimePassword();
        accounts.update(a.withPassword(accounts.hashNew(otp.toCharArray()), true));
        int ended = sessions.deleteAllOf(name);
        accounts.throttle().reset(name);
        log(LedgerEventType.USER_PASSWORD_RESET, actor, a, where, Map.of("sessionsEnded", Integer.toString(ended)));
        return otp;
    }

    /** A user changes their own password, confirming the current one. */
    public Account changeOwnPassword(String name, char[] current, char[] next, String where) {
        Account a = existing(name);
        if (!accounts.passwordMatches(a, current)) {
            java.util.Arrays.fill(next, '\0');
            throw new AccountChangeRefused(Kind.FORBIDDEN, "account.error.currentPassword", Map.of());
        }
        if (next.length < AccountService.MIN_PASSWORD_LENGTH) {
            throw new AccountChangeRefused(Kind.INVALID, "account.error.passwordLength", Map.of("min", AccountService.MIN_PASSWORD_LENGTH));
        }
        Account changed = a.withPassword(accounts.hashNew(next), false);
        accounts.update(changed);
        log(LedgerEventType.USER_PASSWORD_CHANGE, name, changed, where, Map.of());
        return changed;
    }

    /**
     * Sets an account's cameras: those taken away go at once (ledgered); those added are
     * proposed and wait for a privacy officer (ledgered); the account holds nothing new meanwhile.
     */
    public Account setCameras(String actor, String name, List<CameraId> wanted, String where) {
        checkCameras(wanted);
        Account a = existing(name);
        Set<CameraId> want = new LinkedHashSet<>(wanted);
        List<CameraId> kept = a.cameras().stream().filter(want::contains).toList();
        List<CameraId> removed = a.cameras().stream().filter(c -> !want.contains(c)).toList();
        Set<CameraId> added = new LinkedHashSet<>(want);
        added.removeAll(a.cameras());
        Account changed = a.withCameras(kept, null);
        accounts.update(changed);
        if (!removed.isEmpty()) log(LedgerEventType.USER_CAMERAS_REMOVE, actor, changed, where, Map.of("removed", LedgerRecord.cameraList(removed)));
        if (a.proposal() != null && added.isEmpty()) {
            log(LedgerEventType.USER_CAMERAS_WITHDRAW, actor, changed, where, Map.of("cameras", LedgerRecord.cameraList(a.proposal().cameras())));
        }
        return added.isEmpty() ? changed : propose(actor, changed, added, where);
    }

    /** A privacy officer approves the proposal: the account now holds those cameras. */
    public Account approveCameras(String actor, Role actorRole, String name, String where) {
        if (actorRole != Role.PRIVACY_OFFICER) throw new AccountChangeRefused(Kind.FORBIDDEN, "account.error.approveRole", Map.of());
        Account a = existing(name);
        Account.CameraProposal p = a.proposal();
        if (p == null) throw new AccountChangeRefused(Kind.CONFLICT, "account.error.noProposal", Map.of("user", name));
        if (p.proposedBy().equals(actor)) throw new AccountChangeRefused(Kind.FORBIDDEN, "account.error.ownProposal", Map.of());
        Set<CameraId> all = new LinkedHashSet<>(a.cameras());
        all.addAll(p.cameras());
        Account approved = a.withCameras(new ArrayList<>(all), null);
        accounts.update(approved);
        log(LedgerEventType.USER_CAMERAS_APPROVE, actor, approved, where, Map.of("added", LedgerRecord.cameraList(p.cameras()), "proposedBy", p.proposedBy()));
        return approved;
    }

    /** A privacy officer (or an administrator withdrawing it) turns a proposal down. */
    public Account rejectCameras(String actor, String name, String reason, String where) {
        Account a = existing(name);
        Account.CameraProposal p = a.proposal();
        if (p == null) throw new AccountChangeRefused(Kind.CONFLICT, "account.error.noProposal", Map.of("user", name));
        Account rejected = a.withCameras(a.cameras(), null);
        accounts.update(rejected);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("cameras", LedgerRecord.cameraList(p.cameras()));
        d.put("proposedBy", p.proposedBy());
        if (reason != null && !reason.isBlank()) d.put("reason", reason);
        log(LedgerEventType.USER_CAMERAS_REJECT, actor, rejected, where, d);
        return rejected;
    }

    /** Remembers a user's language (a preference: not ledgered). */
    public void setLanguage(String name, String language) {
        if (!SiteSettings.LANGUAGES.contains(language)) return;
        accounts.find(name).ifPresent(a -> accounts.update(a.withLanguage(language)));
    }

    private Account propose(String actor, Account a, Set<CameraId> cameras, String where) {
        Account proposed = a.withCameras(a.cameras(), new Account.CameraProposal(new ArrayList<>(cameras), actor, clock.instant()));
        accounts.update(proposed);
        log(LedgerEventType.USER_CAMERAS_PROPOSE, actor, proposed, where, Map.of("proposed", LedgerRecord.cameraList(cameras)));
        return proposed;
    }

    private Account existing(String name) {
        return accounts.find(name).orElseThrow(() -> new AccountChangeRefused(Kind.NOT_FOUND, "account.error.noUser", Map.of("user", String.valueOf(name))));
    }

    private void checkCameras(List<CameraId> cameras) {
        for (CameraId c : cameras) {
            if (!cameraExists.test(c)) throw new AccountChangeRefused(Kind.INVALID, "account.error.noCamera", Map.of("camera", c.value()));
        }
    }

    /** Nobody locks themselves out, and the last active administrator stays. */
    private void refuseSelfAndLastAdministrator(String actor, Account a, String action) {
        if (a.username().equals(actor)) throw new AccountChangeRefused(Kind.FORBIDDEN, "account.error.self", Map.of());
        if (a.role() == Role.ADMINISTRATOR && !a.disabled()) {
            long active = accounts.list().stream().filter(x -> x.role() == Role.ADMINISTRATOR && !x.disabled()).count();
            if (active <= 1) throw new AccountChangeRefused(Kind.CONFLICT, "account.error.lastAdmin", Map.of("user", a.username()));
        }
    }

    private void log(LedgerEventType type, String actor, Account a, String where, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("user", a.username());
        d.put("role", a.role().configName());
        if (!a.cameras().isEmpty()) d.put("cameras", LedgerRecord.cameraList(a.cameras()));
        if (where != null) d.put("client", where);
        d.putAll(extra);
        ledger.append(LedgerRecord.of(type, clock.instant(), actor, d));
    }

    static String oneTimePassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) b.append(OTP_ALPHABET.charAt(RANDOM.nextInt(OTP_ALPHABET.length())));
        return b.toString();
    }
}
