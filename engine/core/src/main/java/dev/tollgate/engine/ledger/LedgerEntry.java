package dev.tollgate.engine.ledger;

import dev.tollgate.engine.routing.Attempt;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One request as the ledger keeps it. Holds no key and no prompt text.
 *
 * @param cachedInputTokens prompt tokens the upstream served from its cache
 * @param ttftMs            time to the first streamed byte, or {@code null} for a whole answer
 * @param rulesFired        the rules that fired, in order, as a JSON list
 * @param spend             why money was (or was not) spent, and what it saved
 * @param coder             the coder that sent the request (cline, claude-code, …, or unknown)
 */
public record LedgerEntry(String decisionId, Instant startedAt, String profile, String keyName, String team,
                          String requestedModel, String task, String complexity, String route, String strategy,
                          String experimentArm, String model, String provider, Boolean free, long promptTokens,
                          long completionTokens, long cachedInputTokens, boolean usageEstimated, BigDecimal costUsd,
                          String outcome, int httpStatus, long latencyMs, Long ttftMs, boolean stream,
                          String justification, String decision, String rulesFired, String error, Spend spend,
                          List<Attempt> attempts, String coder) {

    /**
     * @param escalationTrigger why paid was needed (or asked for and denied), or {@code null}
     * @param escalation        the structured justification (JSON), or {@code null}
     * @param escalationDenied  whether the profile refused to escalate
     * @param budget            what a budget did to this request, or {@code null}
     * @param referenceModel    the model savings are measured against, or {@code null}
     * @param wouldHaveCostUsd  what the reference model would have cost
     * @param savedUsd          would-have-cost minus cost
     */
    public record Spend(String escalationTrigger, String escalation, boolean escalationDenied, String budget,
                        String referenceModel, BigDecimal wouldHaveCostUsd, BigDecimal savedUsd) {
        public static final Spend NONE = new Spend(null, null, false, null, null, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public LedgerEntry {
        attempts = List.copyOf(attempts);
        spend = spend == null ? Spend.NONE : spend;
    }
}
