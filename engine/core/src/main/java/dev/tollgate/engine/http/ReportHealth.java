package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.routing.ProviderRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: up (or degraded: Redis unreachable, quotas counted locally), and which
 * providers can be called (and why the others cannot).
 */
public final class ReportHealth implements Processor {
    private final PolicyHolder policy;
    private final Supplier<String> counters;

    /** @param counters where the quota counters live: {@code memory}, {@code redis}, or {@code degraded: …} */
    public ReportHealth(PolicyHolder policy, Supplier<String> counters) {
        this.policy = policy;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        ProviderRegistry providers = policy.current().providers();
        Map<String, Object> status = new LinkedHashMap<>();
        providers.routes().keySet().forEach(name -> status.put(name, "ready"));
        providers.unavailable().forEach((name, reason) -> status.put(name, "skipped: " + reason));
        String state = counters.get();
        Map<String, Object> health = new LinkedHashMap<>();
        // Degraded still serves: quotas are counted locally until Redis is back.
        health.put("status", state.startsWith("degraded") ? "degraded" : "ok");
        health.put("providers", status);
        health.put("quota_state", state);
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(health));
    }
}
