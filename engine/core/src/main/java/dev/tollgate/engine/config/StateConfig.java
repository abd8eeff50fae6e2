package dev.tollgate.engine.config;

import java.net.URI;

/**
 * The {@code state} section: where the quota and rate-limit counters live. In memory (each instance
 * counts alone) unless {@code redis.url} is set, when every instance shares Redis' counters.
 */
public record StateConfig(Redis redis) {
    public static final StateConfig IN_MEMORY = new StateConfig(null);

    /**
     * @param url              e.g. {@code redis://127.0.0.1:6379}
     * @param timeoutMillis    how long one Redis command may take before the gateway counts locally instead
     * @param retrySeconds     how often to try Redis again while it is unreachable
     * @param keyPrefix        put before every key, when several gateways that must not share limits use one Redis
     */
    public record Redis(URI url, Long timeoutMillis, Long retrySeconds, String keyPrefix) {
        public Redis {
            keyPrefix = keyPrefix == null ? "" : keyPrefix;
            timeoutMillis = timeoutMillis == null ? 500L : timeoutMillis;
            retrySeconds = retrySeconds == null ? 5L : retrySeconds;
        }
    }
}
