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
    private final RoundRobinCounters roundRobin;
    private final LatencyStats latency;
    private final AtomicLong versions = new AtomicLong();

    public PolicyLoader(Path configDir, Path rulesDir, Path envFile, Map<String, ProviderAdapter> adapters,
                        RoundRobinCounters roundRobin, LatencyStats latency) {
        this(configDir, rulesDir, envFile, constant(adapters), roundRobin, latency);
    }

    /** @param adapters the adapters loaded now: read at every load, so that plugins dropped in since are routed to */
    public PolicyLoader(Path configDir, Path rulesDir, Path envFile, Supplier<Map<String, ProviderAdapter>> adapters,
                        RoundRobinCounters roundRobin, LatencyStats latency) {
        this.configDir = configDir;
        this.rulesDir = rulesDir;
        this.envFile = envFile;
        this.adapters = adapters;
        this.roundRobin = roundRobin;
        this.latency = latency;
    }

    public PolicySnapshot load() throws ConfigException {
        TollgateConfig config = ConfigLoader.load(configDir);
        PolicyRules rules = PolicyRules.compile(rulesDir);
        SecretSource secrets = SecretSource.load(envFile);
        ProviderRegistry providers = ProviderRegistry.build(config, adapters.get(), secrets);
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
