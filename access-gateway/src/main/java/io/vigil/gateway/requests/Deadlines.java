package io.vigil.gateway.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Deadline arithmetic in the site's calendar. "Within 10 days" (PIPA Enforcement Decree
 * Art. 41(4), video policy Art. 6) is counted as Korean law counts periods (Civil Act
 * Art. 157): the day of receipt is not counted, so the period ends at the end of the tenth
 * day after it. A request received on 3 March at 16:00 is due by the end of 13 March.
 */
public final class Deadlines {
    /** How a request stands against its deadline. */
    public enum Flag { NONE, NEAR, OVERDUE }

    private final RequestSettings settings;

    public Deadlines(RequestSettings settings) {
        this.settings = settings;
    }

    /** The first instant after the period: the start of the day after the last day. */
    public Instant deadlineFor(Instant received) {
        LocalDate day = received.atZone(settings.zone()).toLocalDate();
        return endOfDay(day.plusDays(settings.decisionDays()));
    }

    /** The end of {@code day} in the site's zone (a deferral's new date is due by the end of that day). */
    public Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    }

    /** The last day on which the request is still within its period. */
    public LocalDate lastDay(Instant deadline) {
        return deadline.atZone(settings.zone()).toLocalDate().minusDays(1);
    }

    /** Whole days left: 0 on the last day, negative once it has passed. */
    public long daysLeft(Instant deadline, Instant now) {
        LocalDate today = now.atZone(settings.zone()).toLocalDate();
        return ChronoUnit.DAYS.between(today, lastDay(deadline));
    }

    /** NEAR with {@code nearDays} or fewer days left, OVERDUE past the deadline; NONE once nothing is owed. */
    public Flag flag(SubjectRequest r, Instant now) {
        if (!r.state().awaitsAction()) return Flag.NONE;
        if (!now.isBefore(r.deadline())) return Flag.OVERDUE;
        return daysLeft(r.deadline(), now) <= settings.nearDays() ? Flag.NEAR : Flag.NONE;
    }

    public LocalDate today(Instant now) {
        return now.atZone(settings.zone()).toLocalDate();
    }

    public ZoneId zone() {
        return settings.zone();
    }
}
