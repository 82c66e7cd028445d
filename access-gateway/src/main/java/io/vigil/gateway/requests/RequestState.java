package io.vigil.gateway.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a subject request stands. The allowed moves are listed in {@link #next()};
 * docs/requests.md draws them. A request counts against its deadline while it is
 * {@link #awaitsAction() awaiting action}: received, in review, deferred or approved but
 * not yet fulfilled (PIPA Art. 35(3): the subject must be able to view within the period,
 * not merely be told yes).
 */
public enum RequestState {
    @JsonProperty("received") RECEIVED("received"),
    @JsonProperty("in-review") IN_REVIEW("in-review"),
    @JsonProperty("approved") APPROVED("approved"),
    @JsonProperty("deferred") DEFERRED("deferred"),
    @JsonProperty("refused") REFUSED("refused"),
    @JsonProperty("fulfilled") FULFILLED("fulfilled"),
    @JsonProperty("closed") CLOSED("closed");

    private final String wire;

    RequestState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** States this one may move to. Closing is possible from every state but closed (a withdrawn request is closed). */
    public Set<RequestState> next() {
        return switch (this) {
            case RECEIVED -> EnumSet.of(IN_REVIEW, APPROVED, DEFERRED, REFUSED, CLOSED);
            case IN_REVIEW -> EnumSet.of(APPROVED, DEFERRED, REFUSED, CLOSED);
            case DEFERRED -> EnumSet.of(IN_REVIEW, APPROVED, REFUSED, CLOSED);
            case APPROVED -> EnumSet.of(FULFILLED, CLOSED);
            case REFUSED, FULFILLED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(RequestState.class);
        };
    }

    /** Whether the hospital still owes the subject something by the deadline. */
    public boolean awaitsAction() {
        return this == RECEIVED || this == IN_REVIEW || this == DEFERRED || this == APPROVED;
    }
}
