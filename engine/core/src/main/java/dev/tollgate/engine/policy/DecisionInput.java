package dev.tollgate.engine.policy;

import dev.tollgate.engine.coder.CoderIdentity;
import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.spi.ChatRequest;

/**
 * One request as the decider needs it, after authentication and header overrides.
 *
 * @param request     the canonical request
 * @param pinnedModel the catalog model the client named, or {@code null} when the policy chooses
 * @param profile     the profile in force
 * @param allowPaid   whether paid options are allowed (FREE's opt-in)
 * @param headerTask  the client's {@code x-tollgate-task}, or {@code null}
 * @param sessionId   what experiments split on ({@code x-tollgate-session}, the request's {@code user}), or {@code null}
 * @param coder       the coder that sent it and its hints ({@link CoderIdentity#UNKNOWN} when none recognised it)
 * @param domain      the caller's domain of work (from its key), or {@code null}
 */
public record DecisionInput(ChatRequest request, String pinnedModel, BudgetProfile profile, boolean allowPaid,
                            String headerTask, String sessionId, CoderIdentity coder, String domain) {

    public DecisionInput {
        coder = coder == null ? CoderIdentity.UNKNOWN : coder;
    }

    /** A request from no recognised coder and no domain. */
    public DecisionInput(ChatRequest request, String pinnedModel, BudgetProfile profile, boolean allowPaid,
                         String headerTask, String sessionId) {
        this(request, pinnedModel, profile, allowPaid, headerTask, sessionId, CoderIdentity.UNKNOWN, null);
    }
}
