package io.vigil.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check's verdict for {@code /health}: its status, every problem as a bundle key with
 * parameters (the admin page words it in the reader's language, monitoring tools get it in
 * the site's language), and facts an operator needs (free space, the latest ledger head...).
 *
 * @param status   the check's status
 * @param problems why it is not UP (empty when UP)
 * @param details  facts for the body, in insertion order; values are JSON-friendly
 */
public record HealthReport(HealthStatus status, List<Problem> problems, Map<String, Object> details) {
    /** A reason in words: a key of the i18n bundles and its parameters. */
    public record Problem(String key, Map<String, ?> params) {}

    public HealthReport {
        problems = List.copyOf(problems);
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A check that says only its status (the older checks: requests, ledger readable). */
    public static HealthReport of(HealthStatus status) {
        return new HealthReport(status, List.of(), Map.of());
    }

    /** A reason that comes in words from a module without bundles (the purge daemon, in English). */
    public static Problem text(String text) {
        return new Problem("health.problem.text", Map.of("text", text));
    }
}
