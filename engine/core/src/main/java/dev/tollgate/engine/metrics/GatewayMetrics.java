package dev.tollgate.engine.metrics;

import dev.tollgate.engine.config.TollgateConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The gateway's meters, one method per event, exposed at {@code GET /metrics} in the Prometheus
 * text format. The names are those of {@code docs/grafana/tollgate.json}; a test keeps both in step.
 * Counters for events whose cause is not built yet (quota rejections, cooldowns, escalations) are
 * registered at zero for every provider or paid model, so that dashboards show them from the start.
 */
public final class GatewayMetrics {
    /** The {@code coder} label of a request no coder adapter recognised. */
    public static final String UNKNOWN_CODER = "unknown";
    private static final Duration[] LATENCY_BUCKETS = buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120);
    private static final Duration[] FIRST_TOKEN_BUCKETS = buckets(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** A request is over: who served it (nobody: provider and model {@code none}), how it ended and how long it took. */
    public void requestFinished(String provider, String model, String coder, String outcome, Duration latency) {
        Timer.builder("tollgate.request.duration")
                .description("Time from a request's arrival to the end of its answer")
                .tags("provider", provider, "model", model, "coder", coder, "outcome", outcome)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(latency);
        Counter.builder("tollgate.requests")
                .description("Requests that reached a decision, by who served them and how they ended")
                .tags("provider", provider, "model", model, "coder", coder, "outcome", outcome)
                .register(registry).increment();
    }

    /** A streamed answer's first chunk reached the client this long after the request arrived. */
    public void firstToken(String provider, String model, String coder, Duration sinceArrival) {
        Timer.builder("tollgate.time.to.first.token")
                .description("Time from a streamed request's arrival to its first chunk sent to the client")
                .tags("provider", provider, "model", model, "coder", coder)
                .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                .register(registry).record(sinceArrival);
    }

    /** Tokens an answer used, {@code direction} {@code prompt} or {@code completion}. */
    public void tokens(String provider, String model, String coder, String direction, long count) {
        Counter.builder("tollgate.tokens")
                .description("Tokens used, prompt and completion")
                .tags("provider", provider, "model", model, "coder", coder, "direction", direction)
                .register(registry).increment(count);
    }

    public void cost(String provider, String model, String coder, boolean free, double usd) {
        Counter.builder("tollgate.cost.usd")
                .description("What answers cost, in US dollars, at the catalog's prices")
                .tags("provider", provider, "model", model, "coder", coder, "free", String.valueOf(free))
                .register(registry).increment(usd);
    }

    /** A candidate failed and the next one was tried. */
    public void fallback(String provider, String model, String reason) {
        fallbacks(provider, model, reason).increment();
    }

    public void escalation(String model) {
        escalations(model).increment();
    }

    public void quotaRejection(String provider) {
        quotaRejections(provider).increment();
    }

    public void cooldown(String provider) {
        cooldowns(provider).increment();
    }

    public void policyReload(boolean ok) {
        policyReloads(ok).increment();
    }

    /** Registers at zero what a policy's providers and models can produce, so that every series exists before its first event. */
    public void policyLoaded(TollgateConfig config) {
        config.providers().keySet().forEach(provider -> {
            quotaRejections(provider);
            cooldowns(provider);
        });
        config.models().forEach((name, model) -> {
            if (!model.free()) {
                escalations(name);
            }
        });
        policyReloads(true);
        policyReloads(false);
    }

    /**
     * The month's spend, and the share of the active profile's monthly budget used so far.
     *
     * @param spentUsd what was spent since the month began
     * @param usedRatio the active profile's monthly spend over its monthly budget, {@code NaN} when it has none
     */
    public void budget(DoubleSupplier spentUsd, DoubleSupplier usedRatio) {
        Gauge.builder("tollgate.budget.spent.usd", spentUsd, DoubleSupplier::getAsDouble)
                .description("Spend since the start of the month (UTC), from the ledger")
                .tag("period", "month").strongReference(true).register(registry);
        Gauge.builder("tollgate.budget.used.ratio", usedRatio, DoubleSupplier::getAsDouble)
                .description("The active profile's spend this month over its monthly budget (NaN without a budget)")
                .tag("period", "month").strongReference(true).register(registry);
    }

    private Counter fallbacks(String provider, String model, String reason) {
        return Counter.builder("tollgate.fallbacks")
                .description("Candidates that failed and let the next one try, by the failure")
                .tags("provider", provider, "model", model, "reason", reason).register(registry);
    }

    private Counter escalations(String model) {
        return Counter.builder("tollgate.escalations")
                .description("Requests escalated to a paid model").tag("model", model).register(registry);
    }

    private Counter quotaRejections(String provider) {
        return Counter.builder("tollgate.quota.rejections")
                .description("Candidates skipped because their provider's quota was used up")
                .tag("provider", provider).register(registry);
    }

    private Counter cooldowns(String provider) {
        return Counter.builder("tollgate.cooldowns")
                .description("Times a provider was put in cooldown").tag("provider", provider).register(registry);
    }

    private Counter policyReloads(boolean ok) {
        return Counter.builder("tollgate.policy.reloads")
                .description("Attempts to reload config/ and rules/, by result")
                .tag("result", ok ? "success" : "failure").register(registry);
    }

    private static Duration[] buckets(double... seconds) {
        Duration[] buckets = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            buckets[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
        }
        return buckets;
    }
}
