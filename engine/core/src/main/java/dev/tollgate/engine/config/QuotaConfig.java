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
public record QuotaConfig(Map<String, QuotaLimits> providers, Double slowdownAt, CallerQuotas callers,
                          SlowButThorough slowButThorough) {
    public static final QuotaConfig NONE = new QuotaConfig(null, null, null, null);
    public static final double DEFAULT_SLOWDOWN_AT = 0.9;

    public QuotaConfig {
        providers = TollgateConfig.orderedCopy(providers);
        slowdownAt = slowdownAt == null ? DEFAULT_SLOWDOWN_AT : slowdownAt;
        callers = callers == null ? CallerQuotas.NONE : callers;
        slowButThorough = slowButThorough == null ? SlowButThorough.OFF : slowButThorough;
    }

    /** Without {@code slow-but-thorough}. */
    public QuotaConfig(Map<String, QuotaLimits> providers, Double slowdownAt, CallerQuotas callers) {
        this(providers, slowdownAt, callers, null);
    }

    /**
     * "Slow but thorough": when the free candidates are out of quota, wait for the earliest free slot
     * instead of paying (or failing), for at most {@code max-wait-seconds}.
     *
     * @param profiles       the profiles it is on for (a request turns it on or off with {@code x-tollgate-slow-but-thorough})
     * @param maxWaitSeconds the longest a request waits in all
     * @param queue          how many requests may wait at once; more are refused with 429
     * @param otherwise      when the wait would be longer: {@code fallback} (to the next candidate, maybe paid) or {@code fail}
     */
    public record SlowButThorough(java.util.List<BudgetProfile> profiles, Long maxWaitSeconds, Integer queue, Otherwise otherwise) {
        public static final SlowButThorough OFF = new SlowButThorough(null, null, null, null);

        public enum Otherwise { FALLBACK, FAIL }

        public SlowButThorough {
            profiles = profiles == null ? java.util.List.of() : java.util.List.copyOf(profiles);
            maxWaitSeconds = maxWaitSeconds == null ? 60L : maxWaitSeconds;
            queue = queue == null ? 100 : queue;
            otherwise = otherwise == null ? Otherwise.FALLBACK : otherwise;
        }
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
