package io.vigil.gateway.grants;

import io.vigil.gateway.choices.Choice;
import java.util.Optional;

/**
 * Why footage is viewed. Categories from the hospital's video policy (Art. 1: facility
 * safety and fire prevention; crime prevention for customer safety; Art. 6: a subject's
 * request), plus a police/legal investigation and "other" (explained in free text).
 */
public enum Purpose implements Choice {
    FACILITY_SAFETY("facility-safety", "Facility safety (video policy Art. 1 ①)"),
    FIRE_PREVENTION("fire-prevention", "Fire prevention (video policy Art. 1 ①)"),
    CRIME_PREVENTION("crime-prevention", "Crime prevention for customer safety (video policy Art. 1 ②)"),
    SUBJECT_REQUEST("subject-request", "Information subject's request to view (video policy Art. 6)"),
    INVESTIGATION("investigation", "Investigation: police or legal request (PIPA Art. 18)"),
    OTHER("other", "Other (explain in the text)");

    private final Entry entry;

    Purpose(String code, String label) {
        this.entry = new Entry(code, label);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    public String label() {
        return entry.text();
    }

    public static Optional<Purpose> fromCode(String code) {
        return Choice.byCode(Purpose.class, code);
    }
}
