package dev.tollgate.engine.metrics;

import dev.tollgate.engine.http.WriteError;
import dev.tollgate.engine.routing.Attempt;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;
import java.util.List;

/**
 * Track cost, for Prometheus: a decided request's outcome, latency, tokens, cost and fallbacks go to
 * the meters. Runs beside the ledger, off the request path. Requests refused before a decision are not counted.
 */
public final class RecordMetrics implements Processor {
    private static final String NONE = "none";
    private final GatewayMetrics metrics;

    public RecordMetrics(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        if (attempts == null) {
            return;
        }
        String coder = attempts.decision().coder();
        Served served = attempts.served();
        String provider = served == null ? NONE : served.candidate().provider();
        String model = served == null ? NONE : served.candidate().model();
        String outcome = exchange.getProperty(WriteError.OUTCOME, String.class);
        if (outcome == null) {
            outcome = attempts.streamBroken() ? "stream_broken" : "ok";
        }
        metrics.requestFinished(provider, model, coder, outcome, Duration.ofMillis(attempts.elapsedMillis()));
        Duration firstChunk = attempts.timeToFirstChunk();
        if (firstChunk != null && served != null) {
            metrics.firstToken(provider, model, coder, firstChunk);
        }
        if (served != null) {
            metrics.tokens(provider, model, coder, "prompt", served.usage().promptTokens());
            metrics.tokens(provider, model, coder, "completion", served.usage().completionTokens());
            metrics.cost(provider, model, coder, served.candidate().free(), served.costUsd().doubleValue());
        }
        List<Attempt> tried = attempts.attempts();
        // Every failed attempt followed by another one is a fallback.
        for (int i = 0; i < tried.size() - 1; i++) {
            Attempt failed = tried.get(i);
            metrics.fallback(failed.provider(), failed.model(), failed.outcome());
        }
    }
}
