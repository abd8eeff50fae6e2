package dev.tollgate.engine.config;

import java.util.Map;

/**
 * The {@code quotas} section: the providers' limits (config/quotas.yaml) and the gateway's own
 * limits on its callers.
 *
 * @param providers   provider name to its limits (and its models' limits)
 * @param slowdownAt  the share of a limit after which requests to it are spread out instead of sent at once (0-1)
 * @param callers     the gateway's limits on who calls it
 */
public record QuotaConfig(Map<String, QuotaLimits> providers, Double slowdownAt, CallerQuotas callers) {
    public static final QuotaConfig NONE = new QuotaConfig(null, null, null);
    public static final double DEFAULT_SLOWDOWN_AT = 0.9;

    public QuotaConfig {
        providers = TollgateConfig.orderedCopy(providers);
        slowdownAt = slowdownAt == null ? DEFAULT_SLOWDOWN_AT : slowdownAt;
        callers = callers == null ? CallerQuotas.NONE : callers;
    }

    /**
     * Limits on the gateway's callers, checked before any provider is asked: all that apply must have room.
     *
     * @param global  every request together
     * @param eachKey every gateway key on its own (and callers without a key, together)
     * @param keys    one gateway key, by its name in {@code keys}
     * @param teams   all keys of one team together, by team name
     */
    public record CallerQuotas(QuotaLimits global, QuotaLimits eachKey, Map<String, QuotaLimits> keys,
                               Map<String, QuotaLimits> teams) {
        public static final CallerQuotas NONE = new CallerQuotas(null, null, null, null);

        public CallerQuotas {
            global = global == null ? QuotaLimits.NONE : global;
            eachKey = eachKey == null ? QuotaLimits.NONE : eachKey;
            keys = TollgateConfig.orderedCopy(keys);
            teams = TollgateConfig.orderedCopy(teams);
        }
    }
}
