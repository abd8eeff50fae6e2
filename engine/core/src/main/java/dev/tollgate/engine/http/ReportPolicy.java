package dev.tollgate.engine.http;

import dev.tollgate.engine.PolicyReloader;
import dev.tollgate.engine.config.ConfigProblem;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.policy.PolicySnapshot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /admin/api/policy}: the policy version in force, what it holds, and how the latest
 * attempt to reload it went (with each problem as {@code file:line:column: message}).
 */
public final class ReportPolicy implements Processor {
    private final PolicyReloader reloader;

    public ReportPolicy(PolicyReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public void process(Exchange exchange) {
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(status(reloader.lastReload())));
    }

    static Map<String, Object> status(PolicyReloader.ReloadResult result) {
        PolicySnapshot policy = result.inForce();
        Map<String, Object> providers = new LinkedHashMap<>();
        policy.providers().routes().keySet().forEach(name -> providers.put(name, "ready"));
        policy.providers().unavailable().forEach((name, reason) -> providers.put(name, "skipped: " + reason));
        Map<String, Object> lastReload = new LinkedHashMap<>();
        lastReload.put("at", result.at().toString());
        lastReload.put("ok", result.ok());
        lastReload.put("problems", result.problems().stream().map(ConfigProblem::toString).toList());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", policy.version());
        status.put("loadedAt", policy.loadedAt().toString());
        status.put("profile", policy.config().profile().name());
        status.put("providers", providers);
        status.put("models", policy.config().models().size());
        status.put("routes", policy.config().routes().stream().map(RouteConfig::name).toList());
        status.put("lastReload", lastReload);
        return status;
    }
}
