package io.vigil.storage.holds;

import io.vigil.config.CameraId;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.RecordCodec;
import io.vigil.storage.RecordTable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The legal holds, stored one JSON record per hold in the {@code holds} table, and the
 * ledger entries that record placing, extending and releasing them.
 *
 * <p>Who may act is decided by the gateway (only privacy officers place or release); the
 * registry records the actor it is given. Invalid input is refused with an
 * {@link IllegalArgumentException} whose message names the field; an unknown id with
 * {@link HoldNotFoundException}; changing a released or expired hold with
 * {@link HoldStateException}.
 *
 * <p>Write order, chosen so that a crash never lets footage be destroyed without a trace:
 * placing and extending store the hold first and then write the ledger entry (a crash in
 * between keeps footage longer, never shorter; a failed ledger append undoes the change);
 * releasing writes the ledger entry first and then the hold (a release is never effective
 * without its entry).
 */
public final class HoldRegistry {
    private static final RecordCodec<LegalHold> CODEC = RecordCodec.of(LegalHold.class, "legal hold record in the holds table");
    private static final DateTimeFormatter ID_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final int MAX_TEXT = 500;

    private final RecordTable table;
    private final Ledger ledger;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public HoldRegistry(RecordTable holdsTable, Ledger ledger, Clock clock) {
        this.table = Objects.requireNonNull(holdsTable, "holdsTable");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Places a hold and records {@code hold.place}. */
    public synchronized LegalHold place(
            List<CameraId> cameras, Instant from, Instant to, String reason, String reference, Instant expiresAt, String actor) {
        Instant now = clock.instant();
        List<CameraId> cameraIds = validCameras(cameras);
        require(from != null, "from", "is required");
        require(to != null, "to", "is required");
        require(from.isBefore(to), "to", "must be after from (" + from + ")");
        String why = text(reason, "reason", true);
        String ref = text(reference, "reference", false);
        require(expiresAt != null, "expiresAt", "is required (a hold keeps footage for a stated period)");
        require(expiresAt.isAfter(now), "expiresAt", "must be in the future (now is " + now + ")");
        String who = text(actor, "actor", true);

        LegalHold hold = new LegalHold(newId(now), cameraIds, from, to, why, ref, who, now, expiresAt, null, null);
        return store(hold, null, record(LedgerEventType.HOLD_PLACE, hold, now, who, Map.of()));
    }

    /** Moves the expiry of an active hold later and records {@code hold.extend}. */
    public synchronized LegalHold extend(String id, Instant newExpiry, String actor) {
        Instant now = clock.instant();
        LegalHold old = get(id);
        String who = text(actor, "actor", true);
        requireActive(old, now, "extended");
        require(newExpiry != null, "expiresAt", "is required");
        require(newExpiry.isAfter(old.expiresAt()),
                "expiresAt", "must be later than the current expiry " + old.expiresAt() + " (an extension only lengthens a hold)");
        LegalHold hold = new LegalHold(old.id(), old.cameraIds(), old.from(), old.to(), old.reason(), old.reference(),
                old.placedBy(), old.placedAt(), newExpiry, null, null);
        return store(hold, old, record(LedgerEventType.HOLD_EXTEND, hold, now, who, Map.of("previousExpiresAt", old.expiresAt().toString())));
    }

    /** Ends an active hold now and records {@code hold.release}; its footage is purged at the next run if expired. */
    public synchronized LegalHold release(String id, String reason, String actor) {
        Instant now = clock.instant();
        LegalHold old = get(id);
        String why = text(reason, "reason", true);
        String who = text(actor, "actor", true);
        requireActive(old, now, "released");
        LegalHold hold = new LegalHold(old.id(), old.cameraIds(), old.from(), old.to(), old.reason(), old.reference(),
                old.placedBy(), old.placedAt(), old.expiresAt(), now, who);
        return store(hold, old, record(LedgerEventType.HOLD_RELEASE, hold, now, who, Map.of("releaseReason", why)));
    }

    /**
     * Writes {@code hold}, then its ledger entry; when the entry cannot be written the row
     * goes back to {@code previous} (or away, for a new hold), so the table never shows a
     * change the ledger does not record.
     */
    private LegalHold store(LegalHold hold, LegalHold previous, LedgerRecord entry) {
        table.put(hold.id(), CODEC.encode(hold));
        try {
            ledger.append(entry);
        } catch (RuntimeException e) {
            if (previous == null) table.delete(hold.id());
            else table.put(previous.id(), CODEC.encode(previous));
            throw e;
        }
        return hold;
    }

    /** The hold with that id. */
    public LegalHold get(String id) {
        require(id != null && !id.isBlank(), "id", "is required");
        return table.get(id).map(CODEC::decode).orElseThrow(() -> new HoldNotFoundException(id));
    }

    /** Every hold ever placed (active, released, expired), oldest placement first. */
    public List<LegalHold> all() {
        List<LegalHold> holds = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : table.scan("")) holds.add(CODEC.decode(e.getValue()));
        holds.sort(Comparator.comparing(LegalHold::placedAt).thenComparing(LegalHold::id));
        return holds;
    }

    /** Holds that protect footage at instant {@code t}. */
    public List<LegalHold> activeAt(Instant t) {
        return all().stream().filter(h -> h.activeAt(t)).toList();
    }

    /** Whether any hold active at {@code now} keeps footage of {@code camera} over [segStart, segEnd). */
    public boolean covers(CameraId camera, Instant segStart, Instant segEnd, Instant now) {
        return all().stream().anyMatch(h -> h.covers(camera, segStart, segEnd, now));
    }

    private void requireActive(LegalHold hold, Instant now, String verb) {
        String state = hold.stateAt(now);
        if (!state.equals("active")) {
            Instant when = state.equals("released") ? hold.releasedAt() : hold.expiresAt();
            throw new HoldStateException("legal hold " + hold.id() + " cannot be " + verb + ": it was " + state + " at "
                    + when + "; place a new hold instead");
        }
    }

    private String newId(Instant now) {
        byte[] b = new byte[3];
        while (true) {
            random.nextBytes(b);
            String id = "H-" + ID_DAY.format(now) + "-" + HexFormat.of().formatHex(b);
            if (table.get(id).isEmpty()) return id;
        }
    }

    private static LedgerRecord record(LedgerEventType type, LegalHold h, Instant now, String actor, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("holdId", h.id());
        details.put("reason", h.reason());
        if (h.reference() != null) details.put("reference", h.reference());
        details.put("expiresAt", h.expiresAt().toString());
        details.put("placedBy", h.placedBy());
        details.putAll(extra);
        String basis = h.reference() == null ? "legal hold" : "legal hold, reference " + h.reference();
        return LedgerRecord.builder(type, now, actor).cameras(h.cameraIds()).footage(h.from(), h.to())
                .purpose(h.reason()).legalBasis(basis).form("retention beyond the retention period")
                .period("until " + h.expiresAt()).details(details).build();
    }

    private static List<CameraId> validCameras(List<CameraId> cameras) {
        require(cameras != null && !cameras.isEmpty(), "cameras", "must name at least one camera");
        LinkedHashSet<CameraId> ids = new LinkedHashSet<>();
        for (CameraId c : cameras) {
            require(c != null, "cameras", "contains an empty camera id");
            ids.add(c);
        }
        return List.copyOf(ids);
    }

    private static String text(String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            require(!required, field, "is required");
            return null;
        }
        String v = value.strip();
        require(v.length() <= MAX_TEXT, field, "is longer than " + MAX_TEXT + " characters");
        return v;
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) throw new IllegalArgumentException(field + " " + problem);
    }

}
