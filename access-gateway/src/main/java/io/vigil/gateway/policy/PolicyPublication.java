package io.vigil.gateway.policy;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's change history, kept in the ledger: at start, when the content rendered
 * from the configuration differs from the last published one (by hash), a
 * {@code policy.published} entry is appended with the date, the hash, the content and what
 * changed. The policy promises notice of changes; the ledger makes the dates provable.
 * The history is read once at start (a scan of the ledger) and kept in memory.
 */
public final class PolicyPublication {
    static final String ACTOR = "vigil";

    /** One published version: when, its hash, which facts changed from the one before. */
    public record Version(Instant publishedAt, String hash, List<String> changed, long entry) {}

    private final Ledger ledger;
    private final Clock clock;
    private final PolicyContent content;
    private final List<Version> history = new ArrayList<>();
    private String lastJson;

    public PolicyPublication(Ledger ledger, Clock clock, PolicyContent content) {
        this.ledger = ledger;
        this.clock = clock;
        this.content = content;
    }

    /** Reads the history and ledgers the current content when it differs from the last version. */
    public synchronized void publishIfChanged() {
        history.clear();
        for (LedgerEntry e : ledger.search(e -> e.record().type().equals(LedgerEventType.POLICY_PUBLISHED.code()), Integer.MAX_VALUE)) {
            history.add(version(e));
            lastJson = e.record().details().get("content");
        }
        String hash = content.hash();
        if (!history.isEmpty() && history.get(history.size() - 1).hash().equals(hash)) return;
        List<String> changed = lastJson == null ? List.of() : content.changedSince(lastJson);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("hash", hash);
        details.put("changed", String.join(",", changed));
        details.put("previousHash", history.isEmpty() ? "" : history.get(history.size() - 1).hash());
        details.put("content", content.canonicalJson());
        LedgerEntry e = ledger.append(LedgerRecord.of(LedgerEventType.POLICY_PUBLISHED, clock.instant(), ACTOR, details));
        history.add(version(e));
        lastJson = details.get("content");
    }

    private static Version version(LedgerEntry e) {
        String changed = e.record().details().getOrDefault("changed", "");
        return new Version(e.record().time(), e.record().details().get("hash"),
                changed.isEmpty() ? List.of() : Arrays.asList(changed.split(",")), e.number());
    }

    public synchronized List<Version> history() {
        return List.copyOf(history);
    }

    public PolicyContent content() {
        return content;
    }
}
