package dev.tollgate.engine.routing;

import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.Usage;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The answer a candidate gave.
 *
 * @param candidate      the model that answered
 * @param response       the completion, or {@code null} when it was streamed to the client
 * @param usage          its token counts
 * @param usageEstimated whether the counts are our estimate because the upstream reported none
 * @param costUsd        what the answer cost: tokens × the catalog's prices
 */
public record Served(Candidate candidate, ChatResponse response, Usage usage, boolean usageEstimated, BigDecimal costUsd) {

    /** Prompt tokens the upstream read from its cache ({@code prompt_tokens_details.cached_tokens}), 0 if it did not say. */
    public long cachedInputTokens() {
        return usage.extra().get("prompt_tokens_details") instanceof Map<?, ?> details
                && details.get("cached_tokens") instanceof Number cached ? cached.longValue() : 0;
    }
}
