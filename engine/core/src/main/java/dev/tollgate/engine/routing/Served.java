package dev.tollgate.engine.routing;

import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.Usage;

import java.math.BigDecimal;

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
}
