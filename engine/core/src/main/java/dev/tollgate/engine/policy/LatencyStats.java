package dev.tollgate.engine.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The observed latency of each model's successful calls, as an exponentially weighted moving
 * average (recent calls count most). Fed by every answered request; survives reloads.
 */
public final class LatencyStats {
    private static final double RECENT_WEIGHT = 0.3;

    private final Map<String, Double> averageMillis = new ConcurrentHashMap<>();

    public void record(String model, long millis) {
        averageMillis.merge(model, (double) millis, (old, latest) -> old + RECENT_WEIGHT * (latest - old));
    }

    /** The model's average in milliseconds, or {@code null} before its first answer. */
    public Double averageMillis(String model) {
        return averageMillis.get(model);
    }
}
