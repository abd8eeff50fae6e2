package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;

/**
 * What the rules know about the request being decided.
 *
 * @param profile         the budget profile in force
 * @param pinnedModel     the catalog model the client named, or {@code null} when policy chooses
 * @param estimatedTokens a rough count of the prompt's tokens
 * @param stream          whether the client asked for a stream
 */
public record RequestFacts(BudgetProfile profile, String pinnedModel, int estimatedTokens, boolean stream) {
}
