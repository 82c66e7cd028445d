package io.vigil.gateway.health;

import io.vigil.gateway.HealthReport;
import io.vigil.gateway.HealthStatus;
import io.vigil.storage.Ledger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's part of {@code /health}: its size, the latest signed head, and whether the
 * chain passed the check at start (when it did not, no head is signed and the operator must
 * run {@code vigil ledger verify}: DEGRADED, recording and viewing go on and are still ledgered).
 */
public final class LedgerHealth {
    private final Ledger ledger;

    public LedgerHealth(Ledger ledger) {
        this.ledger = ledger;
    }

    public HealthReport check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entries", ledger.size());
        details.put("lastHead", ledger.latestSignedHead().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", h.size());
            m.put("time", h.time().toString());
            m.put("hash", HexFormat.of().formatHex(h.headHash()));
            return m;
        }).orElse(null));
        Optional<String> blocked = ledger.signingBlocked();
        details.put("verified", blocked.isEmpty());
        if (blocked.isPresent()) {
            return new HealthReport(HealthStatus.DEGRADED,
                    List.of(new HealthReport.Problem("health.ledger.blocked", Map.of("why", blocked.get()))), details);
        }
        return new HealthReport(HealthStatus.UP, List.of(), details);
    }
}
