package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.routing.ProviderRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: up, and which providers can be called (and why the others cannot). */
public final class ReportHealth implements Processor {
    private final PolicyHolder policy;

    public ReportHealth(PolicyHolder policy) {
        this.policy = policy;
    }

    @Override
    public void process(Exchange exchange) {
        ProviderRegistry providers = policy.current().providers();
        Map<String, Object> status = new LinkedHashMap<>();
        providers.routes().keySet().forEach(name -> status.put(name, "ready"));
        providers.unavailable().forEach((name, reason) -> status.put(name, "skipped: " + reason));
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(Map.of("status", "ok", "providers", status)));
    }
}
