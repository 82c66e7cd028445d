package io.vigil.gateway.grants;

import java.util.Optional;

/**
 * Why footage is viewed. Categories from the hospital's video policy (Art. 1: facility
 * safety and fire prevention; crime prevention for customer safety; Art. 6: a subject's
 * request), plus a police/legal investigation and "other" (explained in free text).
 */
public enum Purpose {
    FACILITY_SAFETY("facility-safety", "Facility safety (video policy Art. 1 ①)"),
    FIRE_PREVENTION("fire-prevention", "Fire prevention (video policy Art. 1 ①)"),
    CRIME_PREVENTION("crime-prevention", "Crime prevention for customer safety (video policy Art. 1 ②)"),
    SUBJECT_REQUEST("subject-request", "Information subject's request to view (video policy Art. 6)"),
    INVESTIGATION("investigation", "Investigation: police or legal request (PIPA Art. 18)"),
    OTHER("other", "Other (explain in the text)");

    private final String code;
    private final String label;

    Purpose(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() { return code; }
    public String label() { return label; }

    public static Optional<Purpose> fromCode(String code) {
        for (Purpose p : values()) if (p.code.equals(code)) return Optional.of(p);
        return Optional.empty();
    }
}
