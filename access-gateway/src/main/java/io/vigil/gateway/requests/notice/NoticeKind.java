package io.vigil.gateway.requests.notice;

import io.vigil.gateway.choices.Spellings;
import io.vigil.gateway.requests.RequestKind;
import io.vigil.gateway.requests.RequestState;
import io.vigil.gateway.requests.SubjectRequest;

/**
 * The written notices of a subject request (video policy Art. 6; PIPA Enforcement Decree
 * Art. 41-42) and when each can be written: a notice states what happened, so it exists only
 * once it has happened (a refusal notice for a refused request, a destruction notice after
 * the erase).
 */
public enum NoticeKind {
    /** Acknowledgement of receipt: number, what was asked, the last day, the footage held. */
    RECEIPT("receipt"),
    /** Viewing notice: what may be viewed, when, where, what to bring. */
    VIEWING("viewing"),
    /** Confirmation of existence: per camera, what is recorded in the window (spans and gaps). */
    EXISTENCE("existence"),
    /** Deferral notice: the reason and the new day, how to object. */
    DEFERRAL("deferral"),
    /** Refusal notice: the grounds and explanation, how to object. */
    REFUSAL("refusal"),
    /** Confirmation of destruction: what was erased, what another hold keeps and why. */
    DESTRUCTION("destruction");

    private final String wire;

    NoticeKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static NoticeKind fromWire(String s) {
        return Spellings.find(NoticeKind.class, NoticeKind::wire, s).orElse(null);
    }

    /**
     * Null when this notice can be written for {@code r} now, else the bundle key
     * ({@code notice.unavailable.*}) saying why not.
     */
    public String unavailableReason(SubjectRequest r) {
        var d = r.decision();
        return switch (this) {
            case RECEIPT -> null;
            case VIEWING -> !r.asks(RequestKind.VIEW) ? "notice.unavailable.not-asked"
                    : d == null || d.outcome() != RequestState.APPROVED ? "notice.unavailable.not-approved" : null;
            case EXISTENCE -> !r.asks(RequestKind.CONFIRM_EXISTENCE) ? "notice.unavailable.not-asked"
                    : !r.fulfilled("confirm-existence") ? "notice.unavailable.existence-not-confirmed" : null;
            case DEFERRAL -> d == null || d.outcome() != RequestState.DEFERRED ? "notice.unavailable.not-deferred" : null;
            case REFUSAL -> d == null || d.outcome() != RequestState.REFUSED ? "notice.unavailable.not-refused" : null;
            case DESTRUCTION -> !r.asks(RequestKind.DELETE) ? "notice.unavailable.not-asked"
                    : !r.fulfilled("delete") ? "notice.unavailable.not-erased" : null;
        };
    }
}
