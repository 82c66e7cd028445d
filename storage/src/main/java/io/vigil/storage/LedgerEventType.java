package io.vigil.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a ledger entry records. {@link #code()} is the string stored in the entry (and fed
 * to its hash, shown in the ledger view and CSV export): codes never change, or ledgers
 * already written would name events no one recognises. Add new events at the end.
 */
public enum LedgerEventType {
    // access gateway: sessions and accounts
    LOGIN("login"),
    LOGIN_FAILED("login.failed"),
    LOGIN_LOCKED("login.locked"),
    LOGIN_REFUSED("login.refused"),
    LOGOUT("logout"),
    REQUEST_REFUSED("request.refused"),
    USER_ADD("user.add"),
    // access gateway: footage
    GRANT_ISSUE("grant.issue"),
    GRANT_REFUSED("grant.refused"),
    VIEW_START("view.start"),
    VIEW_END("view.end"),
    VIEW_REFUSED("view.refused"),
    EXPORT("export"),
    LEDGER_EXPORT("ledger.export"),
    // legal holds
    HOLD_PLACE("hold.place"),
    HOLD_EXTEND("hold.extend"),
    HOLD_RELEASE("hold.release"),
    // purge daemon
    DESTRUCTION("destruction"),
    DESTRUCTION_EARLY("destruction.early"),
    CLOCK_CONFIRM("clock.confirm"),
    CLOCK_ANOMALY("clock.anomaly"),
    // storage and operator commands
    KEY_DESTROYED("key.destroyed"),
    FSCK_REPAIR("fsck.repair"),
    KEYS_INIT("keys.init"),
    KEYS_ROTATE("keys.rotate"),
    // subject requests (access gateway)
    SUBJECT_REQUEST_REGISTER("subject-request.register"),
    SUBJECT_REQUEST_KIOSK_CODE("subject-request.kiosk-code"),
    SUBJECT_REQUEST_REVIEW("subject-request.review"),
    SUBJECT_REQUEST_APPROVE("subject-request.approve"),
    SUBJECT_REQUEST_DEFER("subject-request.defer"),
    SUBJECT_REQUEST_REFUSE("subject-request.refuse"),
    SUBJECT_REQUEST_FULFIL("subject-request.fulfil"),
    SUBJECT_REQUEST_CLOSE("subject-request.close"),
    SUBJECT_REQUEST_PERSONAL_DATA_ERASED("subject-request.personal-data-erased"),
    /** Written before a subject request's footage is erased: a crash mid-erase still leaves the request named in the ledger. */
    SUBJECT_REQUEST_ERASE_INTENT("subject-request.erase-intent"),
    /** A written notice issued to the requester (kind, language, format; never its words). */
    SUBJECT_REQUEST_NOTICE("subject-request.notice"),

    // access gateway and vigil user: account administration (the actor is who made the change)
    USER_DISABLE("user.disable"),
    USER_ENABLE("user.enable"),
    USER_REMOVE("user.remove"),
    USER_PASSWORD_RESET("user.password.reset"),
    USER_PASSWORD_CHANGE("user.password.change"),
    USER_CAMERAS_PROPOSE("user.cameras.propose"),
    USER_CAMERAS_APPROVE("user.cameras.approve"),
    USER_CAMERAS_REJECT("user.cameras.reject"),
    USER_CAMERAS_WITHDRAW("user.cameras.withdraw"),
    USER_CAMERAS_REMOVE("user.cameras.remove"),
    // live wall (access gateway): a monitoring session's start, end (details.reason) and refusal
    LIVE_START("live.start"),
    LIVE_END("live.end"),
    LIVE_REFUSED("live.refused"),

    // integrity and operations (issue 10)
    RECORD_REFUSED("record.refused"),
    VIGIL_START("vigil.start"),
    VIGIL_STOP("vigil.stop"),
    // refusals beyond the per-source limit, counted in one entry per interval (access gateway)
    REFUSALS_SUPPRESSED("refusals.suppressed"),

    // administration (issue 14): the published policy's content changed (details: hash, content, changed)
    POLICY_PUBLISHED("policy.published");

    private static final Map<String, LedgerEventType> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(LedgerEventType::code, Function.identity()));

    private final String code;

    LedgerEventType(String code) {
        this.code = code;
    }

    /** The stored form, e.g. {@code "view.start"}. */
    public String code() {
        return code;
    }

    /** The type whose code is {@code code}; empty for a code this version does not know. */
    public static Optional<LedgerEventType> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    @Override
    public String toString() {
        return code;
    }
}
