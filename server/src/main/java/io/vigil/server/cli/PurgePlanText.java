package io.vigil.server.cli;

import io.vigil.purge.ClockAnomaly;
import io.vigil.purge.PurgePlan;
import io.vigil.server.i18n.CliText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What {@code vigil purge --dry-run} prints: the plan in the operator's language, times on
 * the site's clock in the one 24-hour format of pages and reports.
 */
final class PurgePlanText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PurgePlanText() {}

    static String render(PurgePlan plan, CliText text, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(text.t("purge.plan.at", "time", time(plan.clock().wall(), zone)));
        if (!plan.clock().effective().equals(plan.clock().wall())) {
            b.append(' ').append(text.t("purge.plan.purgeClock", "time", time(plan.clock().effective(), zone)));
        }
        b.append('\n').append(text.t("purge.plan.retention", "days", plan.retention().toDays(), "cutoff", time(plan.cutoff(), zone))).append('\n');
        Optional<ClockAnomaly> a = plan.clock().anomaly();
        // The anomaly's kind and what the purge does about it, worded from the command line's bundles (the ledger keeps the English).
        a.ifPresent(x -> b.append(text.t("purge.plan.anomaly", "kind", text.t("purge.anomaly.kind." + x.kind()), "step", x.step(),
                "last", time(x.lastWall(), zone), "action", x.why().render(text::format, zone))).append('\n'));
        if (!plan.clock().lag().isZero()) b.append(text.t("purge.plan.lag", "lag", plan.clock().lag())).append('\n');
        if (plan.isEmpty()) {
            b.append(text.t("purge.plan.nothing")).append('\n');
        } else {
            b.append(text.t("purge.plan.wouldErase", "count", plan.segmentCount(), "size", PurgePlan.human(plan.bytes()))).append('\n');
            for (PurgePlan.DayErase d : plan.days()) {
                b.append("  ").append(d.segmentCount() == 0
                        ? text.t("purge.plan.dayKeyOnly", "camera", d.cameraId(), "day", d.day())
                        : text.t("purge.plan.day", "camera", d.cameraId(), "day", d.day(), "count", d.segmentCount(),
                                "size", PurgePlan.human(d.bytes()), "from", time(d.from(), zone), "to", time(d.to(), zone))).append('\n');
            }
            for (PurgePlan.SegmentErase s : plan.segments()) {
                b.append("  ").append(text.t("purge.plan.segments", "camera", s.cameraId(), "day", s.day(), "count", s.segments().size(),
                        "size", PurgePlan.human(s.bytes()), "from", time(s.from(), zone), "to", time(s.to(), zone))).append('\n');
            }
        }
        if (plan.held().isEmpty()) {
            b.append(text.t("purge.plan.heldNothing")).append('\n');
        } else {
            b.append(text.t("purge.plan.held", "size", PurgePlan.human(plan.heldBytes()))).append('\n');
            for (PurgePlan.HeldFootage h : plan.held()) {
                b.append("  ").append(text.t("purge.plan.heldItem", "camera", h.cameraId(), "holds", String.join(",", h.holdIds()),
                        "count", h.segmentCount(), "size", PurgePlan.human(h.bytes()), "from", time(h.from(), zone),
                        "to", time(h.to(), zone), "until", time(h.keptUntil(), zone))).append('\n');
            }
        }
        if (plan.usableBytes() >= 0) {
            b.append(text.t(plan.belowFloor() ? "purge.plan.diskBelow" : "purge.plan.diskOk", "free", PurgePlan.human(plan.usableBytes()),
                    "floor", PurgePlan.human(plan.floorBytes()))).append('\n');
        }
        return b.toString();
    }

    static String time(Instant t, ZoneId zone) {
        return t == null ? "-" : TIME.format(t.atZone(zone));
    }
}
