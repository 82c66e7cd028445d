package io.vigil.gateway;

/** Result of one health check; the overall status is the worst of all checks. */
public enum HealthStatus {
    UP, DEGRADED, DOWN;

    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
