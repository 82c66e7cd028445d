package io.vigil.config;

/**
 * Keys still read for one version after their fact moved, each with a warning that names the
 * key, its replacement and what Vigil did (docs/policy.md, "One place for each fact").
 *
 * <p>{@code subjectRequests.viewingPlace} and {@code subjectRequests.privacyOfficer} said what
 * {@code policy.viewingPlace} and {@code policy.officer} say: the notices printed one, the
 * published policy the other, and they could disagree. They are read, not refused, because a
 * refused file would stop recording on the upgrade: when the policy section lacks the fact,
 * the old value fills it; when it has it, the policy's value wins and the old one is ignored.
 */
final class DeprecatedKeys {
    static final String VIEWING_PLACE = "viewingPlace";
    static final String PRIVACY_OFFICER = "privacyOfficer";
    private static final int MAX_TEXT = 200;

    private DeprecatedKeys() {}

    /** The policy with the facts the subject-request section still gives filled in where it has none. */
    static PolicyConfig movePolicyFacts(YamlMap requests, YamlMap policySection, PolicyConfig policy) {
        String place = policy.viewingPlace();
        String oldPlace = legacyText(requests, VIEWING_PLACE);
        if (oldPlace != null) {
            note(requests, VIEWING_PLACE, policySection, "viewingPlace", "config.deprecatedMove", place != null);
            if (place == null) place = oldPlace;
        }
        PolicyConfig.Person officer = policy.officer();
        String oldOfficer = legacyText(requests, PRIVACY_OFFICER);
        if (oldOfficer != null) {
            note(requests, PRIVACY_OFFICER, policySection, "officer", "config.deprecatedMovePerson", officer != null);
            // The old key was one free line (name, office, telephone as written): it becomes the name.
            if (officer == null) officer = new PolicyConfig.Person(oldOfficer, null, null);
        }
        return new PolicyConfig(officer, policy.manager(), policy.storagePlace(), place, policy.enacted());
    }

    private static void note(YamlMap requests, String oldKey, YamlMap policySection, String newKey, String moveKey, boolean replacementSet) {
        String replacement = policySection.field(newKey);
        if (replacementSet) {
            requests.warning(requests.node(oldKey), requests.field(oldKey), "config.deprecatedIgnored", "replacement", replacement,
                    "line", policySection.lineOf(newKey));
        } else {
            requests.warning(requests.node(oldKey), requests.field(oldKey), moveKey, "replacement", replacement);
        }
    }

    /** The old keys' own rule (1..200 characters), so a file valid before stays valid. */
    private static String legacyText(YamlMap m, String key) {
        String v = m.string(key, false);
        if (v == null) return null;
        if (v.isBlank() || v.length() > MAX_TEXT) {
            m.problem(m.node(key), m.field(key), "config.legacyText", "max", MAX_TEXT);
            return null;
        }
        return v.strip();
    }
}
