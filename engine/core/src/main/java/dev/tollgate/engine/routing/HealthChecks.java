package dev.tollgate.engine.routing;

import dev.tollgate.engine.config.ProviderConfig;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.spi.ProviderAdapter;
import dev.tollgate.spi.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Checks every provider that has a plugin and a key, every {@code gateway.health-check-seconds}, by
 * listing its models (the cheapest call every API offers). A provider that fails is taken out of
 * routing until it passes again; a local server (a base URL on this machine) that answers has its
 * models added to the catalog as free ones. A change of health reloads the policy, so the next
 * decision sees it and {@code tollgate explain}, {@code /health} and {@code /v1/models} say so.
 */
public final class HealthChecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final ProviderHealth health;
    private final Supplier<PolicySnapshot> policy;
    private final Supplier<Map<String, ProviderAdapter>> adapters;
    private final Runnable reload;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tollgate-health-checks");
        thread.setDaemon(true);
        return thread;
    });

    /** @param reload reloads the policy (called when a provider's health changed) */
    public HealthChecks(ProviderHealth health, Supplier<PolicySnapshot> policy, Supplier<Map<String, ProviderAdapter>> adapters,
                        Runnable reload) {
        this.health = health;
        this.policy = policy;
        this.adapters = adapters;
        this.reload = reload;
    }

    /** Checks every {@code seconds} from now on (never when 0). */
    public void every(int seconds) {
        if (seconds > 0) {
            timer.scheduleWithFixedDelay(this::checkAndReload, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    private void checkAndReload() {
        try {
            if (checkAll()) {
                reload.run();
            }
        } catch (RuntimeException e) {
            LOG.warn("health checks failed inside the gateway", e);
        }
    }

    /** One round over every provider; returns whether any provider's health changed. */
    public boolean checkAll() {
        PolicySnapshot current = policy.get();
        ProviderRegistry reachable = ProviderRegistry.build(current.config(), adapters.get(), current.secrets());
        boolean changed = false;
        for (Map.Entry<String, ProviderRegistry.Route> entry : reachable.routes().entrySet()) {
            changed |= check(entry.getKey(), entry.getValue(), current.config().providers().get(entry.getKey()));
        }
        return changed;
    }

    private boolean check(String name, ProviderRegistry.Route route, ProviderConfig config) {
        // A server on this machine that needs no key: Ollama, llama.cpp, vLLM as they start by default.
        boolean local = isLocal(config.baseUrl()) && config.apiKeyEnv() == null;
        String failure = null;
        List<String> models = List.of();
        try {
            models = route.adapter().listModels(route.endpoint());
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (ProviderException e) {
            failure = local && e.failure().httpStatus() == 0
                    ? "no server answers at " + config.baseUrl() + " (start it; it is checked again every few seconds)"
                    : "failed its health check: " + e.failure().kind().toString().toLowerCase(java.util.Locale.ROOT)
                    + (e.failure().httpStatus() > 0 ? " (HTTP " + e.failure().httpStatus() + ")" : "") + ": " + e.failure().message();
        } catch (RuntimeException e) {
            failure = "failed its health check: " + e;
        }
        boolean changed = health.record(name, failure, models, local);
        if (changed) {
            if (failure == null) {
                LOG.info("provider {}: healthy again{}", name, local ? " (" + models.size() + " local models)" : "");
            } else {
                LOG.warn("provider {}: {}", name, failure);
            }
        }
        return changed;
    }

    /** A base URL on this machine: a local model server, free to call. */
    public static boolean isLocal(URI baseUrl) {
        String host = baseUrl.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only address literals are looked at: no name lookup happens here.
            return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host.replace("[", "").replace("]", ""))
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
