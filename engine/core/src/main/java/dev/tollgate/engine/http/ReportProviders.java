package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.quota.ProviderHealth;
import dev.tollgate.engine.quota.Quotas;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/api/providers}: each provider's health (ready, cooling down, or not callable and
 * why), its and its models' cooldowns, and what is left of each of its quotas; and where the
 * counters live ({@code memory}, {@code redis}, or {@code degraded}).
 */
public final class ReportProviders implements Processor {
    private final PolicyHolder policy;
    private final Quotas quotas;
    private final ProviderHealth health;

    public ReportProviders(PolicyHolder policy, Quotas quotas, ProviderHealth health) {
        this.policy = policy;
        this.quotas = quotas;
        this.health = health;
    }

    @Override
    public void process(Exchange exchange) {
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(report(policy.current(), quotas, health)));
    }

    /** The report, also for the dashboard and tests. */
    public static Map<String, Object> report(PolicySnapshot policy, Quotas quotas, ProviderHealth health) {
        Instant now = health.clock().instant();
        Map<String, ProviderHealth.Cooldown> cooldowns = health.cooldowns();
        Map<String, Object> providers = new LinkedHashMap<>();
        for (String name : policy.config().providers().keySet()) {
            Map<String, Object> provider = new LinkedHashMap<>();
            String unavailable = policy.providers().unavailable().get(name);
            List<Map<String, Object>> cooling = new ArrayList<>();
            cooldowns.forEach((scope, cooldown) -> {
                if (scope.equals("provider:" + name) || isModelOf(policy, scope, name)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("scope", scope);
                    row.put("until", cooldown.until().toString());
                    row.put("seconds_left", Math.max(1, (Duration.between(now, cooldown.until()).toMillis() + 999) / 1000));
                    row.put("failures", cooldown.failures());
                    row.put("reason", cooldown.reason());
                    cooling.add(row);
                }
            });
            String status = unavailable != null ? "unavailable"
                    : cooldowns.containsKey("provider:" + name) ? "cooldown"
                    : cooling.isEmpty() ? "ready" : "partly cooling down";
            provider.put("status", status);
            if (unavailable != null) {
                provider.put("reason", unavailable);
            }
            provider.put("cooldowns", cooling);
            provider.put("quotas", quotas.left(policy.config().quotas(), name));
            providers.put(name, provider);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("state", quotas.status());
        report.put("providers", providers);
        return report;
    }

    private static boolean isModelOf(PolicySnapshot policy, String scope, String provider) {
        if (!scope.startsWith("model:")) {
            return false;
        }
        var model = policy.config().models().get(scope.substring("model:".length()));
        return model != null && model.provider().equals(provider);
    }
}
