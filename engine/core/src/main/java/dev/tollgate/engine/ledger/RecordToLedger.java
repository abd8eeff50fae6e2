package dev.tollgate.engine.ledger;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.engine.http.WriteError;
import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.routing.Attempt;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.math.BigDecimal;
import java.util.List;

/**
 * Track cost: one ledger row per decided request, queued for the ledger writer (the route
 * wire-taps a copy of the exchange here). Requests refused before a decision leave no row.
 */
public final class RecordToLedger implements Processor {
    private final LedgerWriter ledger;

    public RecordToLedger(LedgerWriter ledger) {
        this.ledger = ledger;
    }

    @Override
    public void process(Exchange exchange) {
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        if (attempts == null) {
            return;
        }
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        ledger.submit(entry(exchange, attempts, policy));
    }

    private static LedgerEntry entry(Exchange exchange, FallbackAttempts attempts, PolicySnapshot policy) {
        SecretSource secrets = policy.secrets();
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
        Decision decision = attempts.decision();
        String justification = served == null || served.candidate().free() ? null
                : decision.justifications().get(served.candidate().model());
        return new LedgerEntry(decision.id(), attempts.startedAt(), decision.profile().name(),
                attempts.caller().name(), attempts.caller().team(), attempts.request().model(),
                decision.classification().task(), decision.classification().complexity(), decision.route(),
                decision.strategy(), decision.experimentArm(),
                served == null ? null : served.candidate().model(),
                served == null ? null : served.candidate().provider(),
                served == null ? null : served.candidate().free(),
                served == null ? 0 : served.usage().promptTokens(),
                served == null ? 0 : served.usage().completionTokens(),
                served == null ? 0 : served.cachedInputTokens(),
                served != null && served.usageEstimated(),
                served == null ? BigDecimal.ZERO : served.costUsd(),
                outcome, status == null ? 200 : status, attempts.elapsedMillis(),
                attempts.timeToFirstChunk() == null ? null : attempts.timeToFirstChunk().toMillis(),
                attempts.request().streaming(),
                justification, decision.summary(), WireJson.write(decision.rulesFired()),
                error == null ? null : secrets.redact(error),
                spend(attempts, policy), tried, decision.coder());
    }

    private static LedgerEntry.Spend spend(FallbackAttempts attempts, PolicySnapshot policy) {
        EscalationRecord escalation = EscalationRecord.of(attempts, policy.config());
        Served served = attempts.served();
        TollgateConfig config = policy.config();
        String reference = served == null ? null : config.savings().referenceFor(attempts.decision().classification().task(), config);
        BigDecimal cost = served == null ? BigDecimal.ZERO : served.costUsd();
        BigDecimal wouldHaveCost = reference == null || !config.models().containsKey(reference) ? cost
                : Cost.of(config.models().get(reference).price(), served.usage());
        return new LedgerEntry.Spend(escalation == null ? null : escalation.trigger(),
                escalation == null ? null : policy.secrets().redact(escalation.json()), escalation != null && escalation.denied(),
                attempts.budgetNote(), reference, wouldHaveCost, wouldHaveCost.subtract(cost));
    }
}
