package dev.tollgate.engine;

import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ConfigLoader;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.policy.GatewayKeys;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicyDecider;
import dev.tollgate.engine.policy.PolicyRules;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.policy.RoundRobinCounters;
import dev.tollgate.engine.routing.LocalModels;
import dev.tollgate.engine.routing.ProviderHealth;
import dev.tollgate.engine.routing.ProviderRegistry;
import dev.tollgate.spi.ProviderAdapter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Builds a {@link PolicySnapshot} from config/, rules/ and the keys in the environment or .env:
 * everything is read and checked before anything is returned, so a broken edit never half-applies.
 * The round-robin counters and latency statistics are shared by every snapshot it builds.
 */
public final class PolicyLoader {
    private final Path configDir;
    private final Path rulesDir;
    private final Path envFile;
    private final Supplier<Map<String, ProviderAdapter>> adapters;
    private final ProviderHealth health;
    private final RoundRobinCounters roundRobin;
    private final LatencyStats latency;
    private final AtomicLong versions = new AtomicLong();

    public PolicyLoader(Path configDir, Path rulesDir, Path envFile, Map<String, ProviderAdapter> adapters,
                        RoundRobinCounters roundRobin, LatencyStats latency) {
        this(configDir, rulesDir, envFile, constant(adapters), new ProviderHealth(), roundRobin, latency);
    }

    /**
     * @param adapters the adapters loaded now: read at every load, so that plugins dropped in since are routed to
     * @param health   the latest health checks: failing providers are not routed to, local servers' models are added
     */
    public PolicyLoader(Path configDir, Path rulesDir, Path envFile, Supplier<Map<String, ProviderAdapter>> adapters,
                        ProviderHealth health, RoundRobinCounters roundRobin, LatencyStats latency) {
        this.configDir = configDir;
        this.rulesDir = rulesDir;
        this.envFile = envFile;
        this.adapters = adapters;
        this.health = health;
        this.roundRobin = roundRobin;
        this.latency = latency;
    }

    public PolicySnapshot load() throws ConfigException {
        TollgateConfig config = LocalModels.added(ConfigLoader.load(configDir), health);
        PolicyRules rules = PolicyRules.compile(rulesDir);
        SecretSource secrets = SecretSource.load(envFile);
        ProviderRegistry providers = ProviderRegistry.build(config, adapters.get(), secrets, health);
        PolicyDecider decider = new PolicyDecider(config, rules, providers.unavailable(), roundRobin, latency);
        return new PolicySnapshot(versions.incrementAndGet(), Instant.now(), config, decider, providers,
                GatewayKeys.of(config.keys(), secrets), secrets);
    }

    private static Supplier<Map<String, ProviderAdapter>> constant(Map<String, ProviderAdapter> adapters) {
        Map<String, ProviderAdapter> copy = Map.copyOf(adapters);
        return () -> copy;
    }

    public Path configDir() {
        return configDir;
    }

    public Path rulesDir() {
        return rulesDir;
    }
}
