package dev.tollgate.engine.ledger;

import dev.tollgate.engine.routing.Attempt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One request as the ledger keeps it. Holds no key and no prompt text. */
public record LedgerEntry(String decisionId, Instant startedAt, String profile, String keyName, String team,
                          String requestedModel, String task, String complexity, String route, String strategy,
                          String experimentArm, String model, String provider, Boolean free, long promptTokens,
                          long completionTokens, boolean usageEstimated, BigDecimal costUsd, String outcome,
                          int httpStatus, long latencyMs, boolean stream, String justification, String decision,
                          String error, List<Attempt> attempts, String coder) {

    public LedgerEntry {
        attempts = List.copyOf(attempts);
    }
}
