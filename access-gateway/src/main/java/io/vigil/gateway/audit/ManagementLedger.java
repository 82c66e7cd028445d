package io.vigil.gateway.audit;

import io.vigil.config.CameraConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.i18n.Messages;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The video policy's management ledger for a period (the form of PIPA's standard guideline:
 * number, type, date and time, footage, staff member, purpose, requester or recipient,
 * legal basis, form, period), derived from the ledger in the reader's language.
 *
 * <p>Types: <b>use</b> is staff viewing stored footage (one row per viewing grant, its
 * period the playback's start and end) or a live monitoring session; <b>provision</b> an
 * export (a clip leaves the server, on the legal basis chosen in the export dialog) or the
 * release of a masked copy to a subject who asked for it; <b>viewing</b> a data subject's viewing at the kiosk;
 * <b>destruction</b> a purge run or a subject's erasure. Other entries (sign-ins, holds,
 * account changes) are not in the policy's form and stay in the full ledger.
 */
public final class ManagementLedger {
    public enum Type { USE, PROVISION, VIEWING, DESTRUCTION }

    /** One row; {@code entry} is the ledger entry it comes from, so every row can be traced and verified. */
    public record Row(int number, Type type, Instant time, String footage, String staff, String purpose, String party,
                      String legalBasis, String form, String period, long entry) {}

    public static final List<String> COLUMN_KEYS = List.of("mgmt.col.number", "mgmt.col.type", "mgmt.col.time", "mgmt.col.footage",
            "mgmt.col.staff", "mgmt.col.purpose", "mgmt.col.party", "mgmt.col.basis", "mgmt.col.form", "mgmt.col.period",
            "mgmt.col.entry");
    private static final int PAGE = 2048;
    /** How the ledger names a requester (RequestWorkflow.subjectOf; audit stays independent of the requests package). */
    private static final String SUBJECT_OF = "data subject of ";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Ledger ledger;
    private final VigilConfig config;
    private final Duration span;
    private final Messages messages = Messages.get();

    /** @param span how long after its grant a viewing's playback may still end (grant lifetime, live shift) */
    public ManagementLedger(Ledger ledger, VigilConfig config, Duration span) {
        this.ledger = ledger;
        this.config = config;
        this.span = span;
    }

    /** The rows for entries written in [from, to), in ledger order, texts in {@code lang}. */
    public List<Row> rows(Instant from, Instant to, String lang) {
        List<LedgerEntry> chosen = new ArrayList<>();
        Map<String, Instant[]> playback = new HashMap<>(); // grant or live session -> first start, last end
        long size = ledger.size();
        Instant until = to.plus(span);
        // Entries are in time order but for clock steps and backdated imports: stop after a whole page past the period.
        for (long n = firstAtOrAfter(from, size); n <= size; n += PAGE) {
            boolean any = false;
            for (LedgerEntry e : ledger.range(n, Math.min(size, n + PAGE - 1))) {
                Instant t = e.record().time();
                if (t.isAfter(until)) continue;
                any = true;
                notePlayback(e, playback);
                if (t.isBefore(to) && !t.isBefore(from) && typeOf(e.record()) != null) chosen.add(e);
            }
            if (!any) break;
        }
        Text text = new Text(lang, config.settings().timeZone());
        List<Row> rows = new ArrayList<>(chosen.size());
        for (LedgerEntry e : chosen) rows.add(row(rows.size() + 1, e, playback.get(LedgerActivities.keyOf(e)), text));
        return rows;
    }

    /** The first entry written at or after {@code t} (the ledger is in time order): a binary search. */
    private long firstAtOrAfter(Instant t, long size) {
        long lo = 1, hi = size + 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            List<LedgerEntry> one = ledger.range(mid, mid);
            if (!one.isEmpty() && one.get(0).record().time().isBefore(t)) lo = mid + 1;
            else hi = mid;
        }
        return Math.max(1, lo - PAGE / 8); // a few entries back: group commits may write times slightly out of order
    }

    private static void notePlayback(LedgerEntry e, Map<String, Instant[]> playback) {
        String type = e.record().type();
        boolean start = type.equals("view.start") || type.equals("live.start");
        boolean end = type.equals("view.end") || type.equals("live.end");
        if (!start && !end) return;
        Instant[] p = playback.computeIfAbsent(LedgerActivities.keyOf(e), k -> new Instant[2]);
        if (start && p[0] == null) p[0] = e.record().time();
        if (end) p[1] = e.record().time();
    }

    static Type typeOf(LedgerRecord r) {
        return switch (r.type()) {
            case "grant.issue", "live.start" -> Type.USE;
            case "export", "subject-request.copy-release" -> Type.PROVISION;
            case "subject-request.view" -> Type.VIEWING;
            case "destruction", "destruction.early" -> Type.DESTRUCTION;
            default -> null;
        };
    }

    private Row row(int number, LedgerEntry e, Instant[] playback, Text t) {
        LedgerRecord r = e.record();
        Type type = typeOf(r);
        String purpose = type == Type.DESTRUCTION && r.purpose() == null ? t.msg("mgmt.purpose.retention") : purposeText(r.purpose(), t);
        return new Row(number, type, r.time(), footage(r, t), r.actor(), purpose, party(r, type, t), basis(r, type, t), form(r, t),
                period(r, type, playback, t), e.number());
    }

    /** The recorded basis, in the reader's words where it is one of the export dialog's choices. */
    private String basis(LedgerRecord r, Type type, Text t) {
        String code = r.details() == null ? null : r.details().get("legalBasis");
        if (r.type().equals("export") && code != null && messages.has("export.basis." + code)) return t.msg("export.basis." + code);
        if (r.legalBasis() != null) return r.legalBasis();
        return t.msg(type == Type.USE ? "mgmt.basis.use" : "mgmt.basis.notRecorded");
    }

    /** The recipient as recorded; a data subject (recorded by request number only, never by name) in the reader's words. */
    private static String party(LedgerRecord r, Type type, Text t) {
        String p = r.recipient();
        if (p == null) return type == Type.USE ? t.msg("mgmt.party.internal") : "";
        if (p.startsWith(SUBJECT_OF)) return t.msg("mgmt.party.subject", Map.of("number", p.substring(SUBJECT_OF.length())));
        return p;
    }

    private static String form(LedgerRecord r, Text t) {
        if (r.type().equals("grant.issue")) return t.msg("mgmt.form.viewing");
        if (r.type().equals("subject-request.copy-release")) return t.msg("mgmt.form.maskedCopy");
        return r.form() == null ? "" : r.form();
    }

    private String footage(LedgerRecord r, Text t) {
        String cams = r.cameraIds() == null ? "" : java.util.Arrays.stream(r.cameraIds().split(","))
                .map(id -> {
                    CameraConfig c = config.camera(id);
                    return c == null || c.name() == null || c.name().equals(id) ? id : c.name() + " (" + id + ")";
                }).collect(Collectors.joining(", "));
        if (r.type().equals("live.start")) return t.msg("mgmt.footage.live", Map.of("cameras", cams));
        if (r.footageFrom() == null) return cams;
        return t.msg("mgmt.footage", Map.of("cameras", cams, "from", t.time(r.footageFrom()),
                "to", r.footageTo() == null ? "" : t.time(r.footageTo())));
    }

    private static String period(LedgerRecord r, Type type, Instant[] playback, Text t) {
        // a masked copy is the requester's own footage: given once, theirs to keep
        if (r.type().equals("subject-request.copy-release")) return t.msg("mgmt.period.copyGiven", Map.of("time", t.time(r.time())));
        if (type != Type.USE) return r.period() == null ? "" : r.period();
        if (playback == null || playback[0] == null) return t.msg(r.type().equals("live.start") ? "mgmt.period.open" : "mgmt.period.notPlayed");
        if (playback[1] == null) return t.msg("mgmt.period.open.since", Map.of("start", t.time(playback[0])));
        return t.msg("mgmt.period.range", Map.of("start", t.time(playback[0]), "end", t.time(playback[1])));
    }

    /** "crime-prevention: wallet reported stolen" with the category in the reader's words. */
    private String purposeText(String stored, Text t) {
        if (stored == null) return "";
        int colon = stored.indexOf(':');
        String code = colon < 0 ? stored : stored.substring(0, colon).trim();
        if (!messages.has("purpose." + code)) return stored;
        return colon < 0 ? t.msg("purpose." + code) : t.msg("purpose." + code) + ": " + stored.substring(colon + 1).trim();
    }

    /** The reader's language and the site's clock. */
    private record Text(String lang, ZoneId zone) {
        String msg(String key) {
            return Messages.get().format(lang, key, Map.of());
        }

        String msg(String key, Map<String, ?> params) {
            return Messages.get().format(lang, key, params);
        }

        String time(Instant i) {
            return TIME.format(i.atZone(zone));
        }
    }

    /** The text of a type in {@code lang}: use, provision, viewing, destruction. */
    public static String typeLabel(Type type, String lang) {
        return Messages.get().format(lang, "mgmt.type." + type.name().toLowerCase(java.util.Locale.ROOT), Map.of());
    }

    /** The row's time in the site's zone, as every page and CSV shows times. */
    public String timeText(Instant i) {
        return TIME.format(i.atZone(config.settings().timeZone()));
    }
}
