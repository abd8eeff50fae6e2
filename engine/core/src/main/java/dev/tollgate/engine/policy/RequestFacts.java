package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;

/**
 * What the rules know about the request being decided.
 *
 * @param profile          the budget profile in force (after key and request overrides)
 * @param allowPaid        whether the user opted in to paid options (FREE's opt-in; true for the others by default)
 * @param qualityThreshold the fit a free model needs for CAREFUL to prefer it over any paid one
 * @param pinnedModel      the catalog model the client named, or {@code null} when policy chooses
 * @param estimatedTokens  a rough count of the prompt's tokens
 * @param stream           whether the client asked for a stream
 * @param task             the task type ({@code coding}, {@code security}, …)
 * @param complexity       {@code simple}, {@code medium} or {@code complex}
 * @param needsVision      whether the request carries images
 * @param needsTools       whether the request defines tools
 * @param route            the name of the route that matched
 * @param coder            the coder that sent the request ({@code cline}, {@code claude-code}…, or {@code unknown})
 * @param coderMode        the coder's mode ({@code plan}, {@code act}) or {@code null}
 * @param sideRequest      whether this is one of the coder's cheap side requests (title, commit message, summary)
 * @param domain           the caller's domain of work (from its key), or {@code null}
 * @param escalation       the escalation triggers in force (config/escalation.yaml)
 * @param freeContextWindow the largest context window among the route's callable free models (0 when it has none):
 *                         a prompt above it fits no free model
 * @param paidContextWindow the largest context window among the route's callable paid models (0 when it has none):
 *                         a prompt above it fits no paid model either, and 0 means there is no paid model to escalate to
 */
public record RequestFacts(BudgetProfile profile, boolean allowPaid, double qualityThreshold, String pinnedModel,
                           int estimatedTokens, boolean stream, String task, String complexity, boolean needsVision,
                           boolean needsTools, String route, String coder, String coderMode, boolean sideRequest,
                           String domain, EscalationPolicy escalation, int freeContextWindow,
                           int paidContextWindow) {

    /** Facts of a request from no recognised coder, with no escalation trigger on. */
    public RequestFacts(BudgetProfile profile, boolean allowPaid, double qualityThreshold, String pinnedModel,
                        int estimatedTokens, boolean stream, String task, String complexity, boolean needsVision,
                        boolean needsTools, String route) {
        this(profile, allowPaid, qualityThreshold, pinnedModel, estimatedTokens, stream, task, complexity, needsVision,
                needsTools, route, "unknown", null, false, null, EscalationPolicy.NONE, 0, 0);
    }
}
