package io.vigil.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the policy's management ledger (video policy Art. 7; docs/ledger.md, "Ledger"):
 * what happened, when, to which footage, by whom, why, for whom, under which legal basis,
 * in which form and for which period. Fields that do not apply are null.
 *
 * @param type       what happened, e.g. "view.start", "view.end", "view.refused", "export",
 *                   "destruction", "hold.place", "hold.release", "keys.init", "fsck.repair"
 * @param time       when it happened (server clock)
 * @param actor      staff member or system component that acted ("purge-daemon", "alice")
 * @param cameraIds  footage concerned: camera ids, comma separated, or null
 * @param footageFrom start of the footage range concerned, or null
 * @param footageTo  end of the footage range concerned, or null
 * @param purpose    purpose category and free text, or null
 * @param recipient  requester or recipient, or null
 * @param legalBasis legal basis, or null
 * @param form       form of provision (viewing, MP4 export, ...), or null
 * @param period     period of use or retention, or null
 * @param details    any other facts (client address, grant id, key ids, result, counts)
 */
public record LedgerRecord(
        String type,
        Instant time,
        String actor,
        String cameraIds,
        Instant footageFrom,
        Instant footageTo,
        String purpose,
        String recipient,
        String legalBasis,
        String form,
        String period,
        Map<String, String> details) {

    public LedgerRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
    }

    /** A record with only the mandatory fields and details; the rest null. */
    public static LedgerRecord of(String type, Instant time, String actor, Map<String, String> details) {
        return new LedgerRecord(type, time, actor, null, null, null, null, null, null, null, null, details);
    }
}
