package io.vigil.gateway.requests;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes deadlines visible to operations: the gauge {@code vigil_requests_deadline{flag="near"|"overdue"}}
 * counts open requests near (at most two days left) or past their deadline, and
 * {@link #anyFlagged} feeds the health check {@code requests}, which is DEGRADED while any
 * is, so a missed legal deadline shows on the same dashboard as a stopped camera.
 */
public final class RequestDeadlineWatch {
    private RequestDeadlineWatch() {}

    public static void registerGauges(MeterRegistry meters, Supplier<RequestWorkflow> workflow) {
        for (Deadlines.Flag f : new Deadlines.Flag[] {Deadlines.Flag.NEAR, Deadlines.Flag.OVERDUE}) {
            Gauge.builder("vigil.requests.deadline", workflow, w -> w.get().flagCounts().get(f))
                    .tag("flag", f.name().toLowerCase(java.util.Locale.ROOT))
                    .description("open subject requests near (<= 2 days left) or past their deadline")
                    .strongReference(true) // the supplier is a method reference nothing else holds
                    .register(meters);
        }
    }

    /** Whether any open request is near or past its deadline. */
    public static boolean anyFlagged(RequestWorkflow workflow) {
        Map<Deadlines.Flag, Long> counts = workflow.flagCounts();
        return counts.get(Deadlines.Flag.NEAR) + counts.get(Deadlines.Flag.OVERDUE) > 0;
    }
}
