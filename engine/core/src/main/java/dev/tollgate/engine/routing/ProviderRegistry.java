package dev.tollgate.engine.routing;

import dev.tollgate.engine.config.GatewaySettings;
import dev.tollgate.engine.config.ProviderConfig;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.spi.ApiKey;
import dev.tollgate.spi.ProviderAdapter;
import dev.tollgate.spi.ProviderEndpoint;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The configured providers that can be called now: each with its plugin's adapter and its
 * endpoint (base URL, key, timeouts). Providers without a loaded plugin or without their key are
 * kept aside with the reason, so that the policy can say why their models were not tried.
 */
public final class ProviderRegistry {

    /** A callable provider. */
    public record Route(ProviderAdapter adapter, ProviderEndpoint endpoint) {
    }

    /** The reason given for a provider or model switched off in config (or the dashboard). */
    public static final String DISABLED = "disabled (enabled: false in config)";

    private final Map<String, Route> routes;
    private final Map<String, String> unavailable;

    private ProviderRegistry(Map<String, Route> routes, Map<String, String> unavailable) {
        this.routes = Collections.unmodifiableMap(routes);
        this.unavailable = Collections.unmodifiableMap(unavailable);
    }

    public static ProviderRegistry build(TollgateConfig config, Map<String, ProviderAdapter> adapters, SecretSource secrets) {
        return build(config, adapters, secrets, new ProviderHealth());
    }

    /** As {@link #build(TollgateConfig, Map, SecretSource)}, and a provider that failed its latest health check is not callable. */
    public static ProviderRegistry build(TollgateConfig config, Map<String, ProviderAdapter> adapters, SecretSource secrets,
                                         ProviderHealth health) {
        GatewaySettings gateway = config.gateway();
        Map<String, Route> routes = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        config.providers().forEach((name, provider) -> {
            if (!provider.enabled()) {
                unavailable.put(name, DISABLED);
                return;
            }
            ProviderAdapter adapter = adapters.get(provider.plugin());
            if (adapter == null) {
                unavailable.put(name, "plugin '" + provider.plugin() + "' is not loaded (loaded: "
                        + String.join(", ", new TreeSet<>(adapters.keySet())) + ")");
                return;
            }
            Optional<ApiKey> key = Optional.empty();
            if (provider.apiKeyEnv() != null) {
                key = secrets.key(provider.apiKeyEnv());
                if (key.isEmpty()) {
                    unavailable.put(name, "no API key: set " + provider.apiKeyEnv() + " in the environment or in .env");
                    return;
                }
            }
            String failure = health.failure(name);
            if (failure != null) {
                unavailable.put(name, failure);
                return;
            }
            routes.put(name, new Route(adapter, endpoint(name, provider, key.orElse(null), gateway)));
        });
        return new ProviderRegistry(routes, unavailable);
    }

    private static ProviderEndpoint endpoint(String name, ProviderConfig provider, ApiKey key, GatewaySettings gateway) {
        return new ProviderEndpoint(name, provider.baseUrl(), key, provider.headers(),
                Duration.ofSeconds(gateway.connectTimeoutSeconds()), Duration.ofSeconds(gateway.upstreamTimeoutSeconds()));
    }

    public Route route(String provider) {
        Route route = routes.get(provider);
        if (route == null) {
            throw new IllegalStateException("provider '" + provider + "' is not callable: " + unavailable.get(provider));
        }
        return route;
    }

    /** The providers that can be called, in config order. */
    public Map<String, Route> routes() {
        return routes;
    }

    /** The providers that cannot be called, each with the reason. */
    public Map<String, String> unavailable() {
        return unavailable;
    }
}
