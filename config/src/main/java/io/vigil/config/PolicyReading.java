package io.vigil.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and validates the {@code policy:} section of the YAML (see {@link PolicyConfig}). */
final class PolicyReading {
    static final int MAX_TEXT = 200;
    private static final Pattern CONTACT = Pattern.compile("[0-9+()\\- ]{3,30}");

    private PolicyReading() {}

    static PolicyConfig read(YamlMap policy) {
        policy.rejectUnknown(new LinkedHashSet<>(List.of("officer", "manager", "storagePlace", "viewingPlace", "enacted")));
        PolicyConfig.Person officer = person(policy, "officer");
        PolicyConfig.Person manager = person(policy, "manager");
        String storage = text(policy, "storagePlace");
        String viewing = text(policy, "viewingPlace");
        LocalDate enacted = policy.value("enacted", false, null, s -> {
            try {
                return LocalDate.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw new ConfigValueException("config.notDate", "value", s);
            }
        });
        return new PolicyConfig(officer, manager, storage, viewing, enacted);
    }

    private static PolicyConfig.Person person(YamlMap policy, String key) {
        if (!policy.has(key)) return null;
        YamlMap p = policy.map(key, false);
        p.rejectUnknown(new LinkedHashSet<>(List.of("name", "position", "contact")));
        String name = text(p, "name");
        if (name == null) {
            p.problem(p.node("name"), p.field("name"), "config.policyPersonName." + key);
        }
        String position = text(p, "position");
        String contact = p.value("contact", false, null, s -> {
            if (!CONTACT.matcher(s.trim()).matches()) {
                throw new ConfigValueException("config.notTelephone", "value", s);
            }
            return s.trim();
        });
        return new PolicyConfig.Person(name, position, contact);
    }

    /** Optional free text, trimmed, 1..200 characters, no line breaks (it is one line of a published page). */
    static String text(YamlMap m, String key) {
        String s = m.string(key, false);
        if (s == null) return null;
        String t = s.strip();
        if (t.isEmpty() || t.length() > MAX_TEXT || t.chars().anyMatch(ch -> ch == '\n' || ch == '\r' || Character.isISOControl(ch))) {
            m.problem(m.node(key), m.field(key), "config.oneLine", "max", MAX_TEXT);
            return null;
        }
        return t;
    }
}
