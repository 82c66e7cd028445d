package io.vigil.gateway.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.gateway.choices.Choice;
import io.vigil.gateway.choices.Provision;

/**
 * The grounds on which a privacy officer may refuse (or limit) a subject request: the
 * statutory list of the Personal Information Protection Act, Art. 35(4) (access) and
 * Art. 37(2) (suspension, which the video policy applies to deletion), plus the one the
 * video policy adds in practice: the other people in the footage cannot be masked
 * (their own right under PIPA Art. 35(4) 2 would be infringed). The officer adds free text.
 * The wording shown to people comes from the message bundles ({@code request.ground.<code>}).
 */
public enum RefusalGround implements Provision {
    @JsonProperty("pipa-35-4-1") PIPA_35_4_1("pipa-35-4-1", "PIPA Art. 35(4) 1"),
    @JsonProperty("pipa-35-4-2") PIPA_35_4_2("pipa-35-4-2", "PIPA Art. 35(4) 2"),
    @JsonProperty("pipa-35-4-3") PIPA_35_4_3("pipa-35-4-3", "PIPA Art. 35(4) 3"),
    @JsonProperty("pipa-37-2-1") PIPA_37_2_1("pipa-37-2-1", "PIPA Art. 37(2) 1"),
    @JsonProperty("pipa-37-2-2") PIPA_37_2_2("pipa-37-2-2", "PIPA Art. 37(2) 2"),
    @JsonProperty("pipa-37-2-3") PIPA_37_2_3("pipa-37-2-3", "PIPA Art. 37(2) 3"),
    @JsonProperty("pipa-37-2-4") PIPA_37_2_4("pipa-37-2-4", "PIPA Art. 37(2) 4"),
    @JsonProperty("cannot-mask") CANNOT_MASK("cannot-mask", "video policy Art. 6; PIPA Art. 35(4) 2");

    private final Entry entry;

    RefusalGround(String code, String citation) {
        this.entry = new Entry(code, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The ground of that code, or null. */
    public static RefusalGround fromCode(String s) {
        return Choice.byCode(RefusalGround.class, s).orElse(null);
    }
}
