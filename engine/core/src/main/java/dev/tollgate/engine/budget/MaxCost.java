package dev.tollgate.engine.budget;

import dev.tollgate.engine.ledger.Cost;
import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.Usage;

import java.math.BigDecimal;

/** The most a call can cost: the prompt's estimated tokens and the longest answer allowed, at the model's prices. */
public final class MaxCost {
    private MaxCost() {
    }

    /** @param defaultOutputTokens the answer length assumed when the request sets no {@code max_tokens} */
    public static BigDecimal of(Candidate model, ChatRequest request, int defaultOutputTokens) {
        long output = defaultOutputTokens;
        if (request.maxTokens() != null) {
            output = request.maxTokens();
        } else if (request.extra().get("max_completion_tokens") instanceof Number limit) {
            output = limit.longValue();
        }
        return Cost.of(model, Usage.of(TokenEstimate.of(request), output));
    }
}
