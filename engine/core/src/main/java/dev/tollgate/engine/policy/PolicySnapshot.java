package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.routing.ProviderRegistry;

import java.time.Instant;

/**
 * One loaded, checked version of the policy: everything a request needs from config/ and rules/.
 * Immutable; a reload builds a new one. A request keeps the snapshot it started with.
 *
 * @param version  a counter, 1 for the policy loaded at start
 * @param loadedAt when it was loaded
 */
public record PolicySnapshot(long version, Instant loadedAt, TollgateConfig config, PolicyDecider decider,
                             ProviderRegistry providers, GatewayKeys keys, SecretSource secrets) {
    /** The exchange property holding the snapshot a request started with. */
    public static final String PROPERTY = "tollgate.policy";

    /** One line for logs and {@code tollgate check}: what is loaded and how much of it can be called. */
    public String summary() {
        return providers.routes().size() + " of " + config.providers().size() + " providers ready, "
                + config.models().size() + " models, " + config.routes().size() + " routes, " + decider.ruleCount()
                + " rules, profile " + config.profile();
    }
}
