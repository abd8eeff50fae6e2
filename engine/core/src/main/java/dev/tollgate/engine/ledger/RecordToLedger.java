package dev.tollgate.engine.ledger;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.http.WriteError;
import dev.tollgate.engine.routing.Attempt;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.math.BigDecimal;
import java.util.List;

/**
 * Track cost: one ledger row per decided request, written off the request path (the route
 * wire-taps a copy of the exchange here). Requests refused before a decision leave no row.
 */
public final class RecordToLedger implements Processor {
    private final Ledger ledger;
    private final SecretSource secrets;

    public RecordToLedger(Ledger ledger, SecretSource secrets) {
        this.ledger = ledger;
        this.secrets = secrets;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        if (attempts == null) {
            return;
        }
        ledger.record(entry(exchange, attempts));
    }

    private LedgerEntry entry(Exchange exchange, FallbackAttempts attempts) {
        Served served = attempts.served();
        String outcome = exchange.getProperty(WriteError.OUTCOME, String.class);
        if (outcome == null) {
            outcome = attempts.streamBroken() ? "stream_broken" : "ok";
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String error = exchange.getProperty(WriteError.ERROR, String.class);
        List<Attempt> tried = attempts.attempts().stream().map(a -> a.message() == null ? a
                : new Attempt(a.model(), a.provider(), a.outcome(), a.httpStatus(), secrets.redact(a.message()), a.latencyMs()))
                .toList();
        return new LedgerEntry(attempts.decision().id(), attempts.startedAt(), attempts.decision().profile().name(),
                attempts.request().model(),
                served == null ? null : served.candidate().model(),
                served == null ? null : served.candidate().provider(),
                served == null ? null : served.candidate().free(),
                served == null ? 0 : served.usage().promptTokens(),
                served == null ? 0 : served.usage().completionTokens(),
                served != null && served.usageEstimated(),
                served == null ? BigDecimal.ZERO : served.costUsd(),
                outcome, status == null ? 200 : status, attempts.elapsedMillis(), attempts.request().streaming(),
                attempts.decision().summary(), error == null ? null : secrets.redact(error), tried);
    }
}
