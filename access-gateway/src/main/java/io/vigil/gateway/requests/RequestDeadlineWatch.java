package io.vigil.gateway.requests;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.gateway.HealthStatus;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Makes deadlines visible to operations: the gauge {@code vigil_requests_deadline{flag="near"|"overdue"}}
 * counts open requests near (at most two days left) or past their deadline, and the health
 * check {@code requests} is DEGRADED while any is, so a missed legal deadline shows on the
 * same dashboard as a stopped camera.
 */
public final class RequestDeadlineWatch {
    private RequestDeadlineWatch() {}

    public static void register(MeterRegistry meters, Supplier<RequestWorkflow> workflow,
                                BiConsumer<String, Supplier<HealthStatus>> healthChecks) {
        for (Deadlines.Flag f : new Deadlines.Flag[] {Deadlines.Flag.NEAR, Deadlines.Flag.OVERDUE}) {
            Gauge.builder("vigil.requests.deadline", workflow, w -> w.get().flagCounts().get(f))
                    .tag("flag", f.name().toLowerCase())
                    .description("open subject requests near (<= 2 days left) or past their deadline")
                    .register(meters);
        }
        healthChecks.accept("requests", () -> {
            var counts = workflow.get().flagCounts();
            return counts.get(Deadlines.Flag.NEAR) + counts.get(Deadlines.Flag.OVERDUE) > 0 ? HealthStatus.DEGRADED : HealthStatus.UP;
        });
    }
}
