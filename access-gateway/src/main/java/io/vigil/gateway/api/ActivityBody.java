package io.vigil.gateway.api;

import io.vigil.config.CameraConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.audit.Activity;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One officer's row as JSON: the facts a sentence is made of (who, cameras by name, footage
 * range, purpose, when it was played and ended, exports and their recipients) and the entries
 * themselves. The page says it in words from the bundles; no sentence is built here.
 */
final class ActivityBody {
    private ActivityBody() {}

    static Map<String, Object> of(Activity a, VigilConfig config) {
        Set<String> cameras = new LinkedHashSet<>();
        Instant footageFrom = null, footageTo = null, started = null, ended = null;
        String purpose = null;
        List<String> recipients = new ArrayList<>();
        int exports = 0;
        List<Map<String, Object>> entries = new ArrayList<>();
        for (LedgerEntry e : a.entries()) {
            LedgerRecord r = e.record();
            if (r.cameraIds() != null) for (String c : r.cameraIds().split(",")) if (!c.isBlank()) cameras.add(c);
            if (r.footageFrom() != null && (footageFrom == null || r.footageFrom().isBefore(footageFrom))) footageFrom = r.footageFrom();
            if (r.footageTo() != null && (footageTo == null || r.footageTo().isAfter(footageTo))) footageTo = r.footageTo();
            if (purpose == null) purpose = r.purpose();
            switch (r.type()) {
                case "view.start", "live.start" -> started = started == null ? r.time() : started;
                case "view.end", "live.end" -> ended = r.time();
                case "export" -> {
                    exports++;
                    if (r.recipient() != null && !recipients.contains(r.recipient())) recipients.add(r.recipient());
                }
                default -> { }
            }
            entries.add(LedgerApi.entryBody(e));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", a.key());
        m.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("number", a.last().number());
        m.put("type", a.first().record().type());
        m.put("time", a.first().record().time().toString());
        m.put("lastTime", a.last().record().time().toString());
        m.put("actor", a.first().record().actor());
        m.put("cameras", List.copyOf(cameras));
        m.put("cameraNames", cameras.stream().map(id -> name(config, id)).toList());
        m.put("footageFrom", footageFrom == null ? null : footageFrom.toString());
        m.put("footageTo", footageTo == null ? null : footageTo.toString());
        m.put("purpose", purpose);
        m.put("started", started == null ? null : started.toString());
        m.put("ended", ended == null ? null : ended.toString());
        m.put("exports", exports);
        m.put("recipients", recipients);
        m.put("entries", entries);
        return m;
    }

    private static String name(VigilConfig config, String id) {
        CameraConfig c = config.camera(id);
        return c == null || c.name() == null ? id : c.name();
    }
}
