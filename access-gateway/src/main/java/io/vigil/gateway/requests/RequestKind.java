package io.vigil.gateway.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.gateway.choices.Spellings;

/** What a subject asks for (video policy Art. 6; PIPA Art. 35 and 36). A request may ask several. */
public enum RequestKind {
    @JsonProperty("view") VIEW("view"),
    @JsonProperty("confirm-existence") CONFIRM_EXISTENCE("confirm-existence"),
    @JsonProperty("delete") DELETE("delete");

    private final String wire;

    RequestKind(String wire) {
        this.wire = wire;
    }

    /** The spelling in the API and in the ledger. */
    public String wire() {
        return wire;
    }

    /** The kind with that spelling, or null. */
    public static RequestKind fromWire(String s) {
        return Spellings.find(RequestKind.class, RequestKind::wire, s).orElse(null);
    }
}
