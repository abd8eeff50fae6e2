package dev.tollgate.engine.http;

import dev.tollgate.engine.routing.ProviderRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: up, and which providers can be called (and why the others cannot). */
public final class ReportHealth implements Processor {
    private final String body;

    public ReportHealth(ProviderRegistry providers) {
        Map<String, Object> status = new LinkedHashMap<>();
        providers.routes().keySet().forEach(name -> status.put(name, "ready"));
        providers.unavailable().forEach((name, reason) -> status.put(name, "skipped: " + reason));
        this.body = WireJson.write(Map.of("status", "ok", "providers", status));
    }

    @Override
    public void process(Exchange exchange) {
        JsonReply.write(exchange.getMessage(), 200, body);
    }
}
