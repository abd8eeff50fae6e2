package dev.tollgate.engine.routing;

import dev.tollgate.engine.budget.Budgets;
import dev.tollgate.engine.budget.Reservation;
import dev.tollgate.engine.budget.SpendTracker;
import dev.tollgate.engine.config.BudgetAction;
import dev.tollgate.engine.coder.CoderIdentity;
import dev.tollgate.engine.coder.IdentifyCoder;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.DecisionInput;
import dev.tollgate.engine.policy.DecisionLog;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.spi.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Map;

/**
 * Decide: the client's {@code model} is resolved (an alias lets the policy choose, a catalog name
 * pins that model), the policy ranks the candidates under the caller's terms, and the request's
 * fallback state is set up.
 */
public final class DecideCandidates implements Processor {
    private static final int NAMES_IN_ERROR = 12;

    private final DecisionLog decisions;
    private final SpendTracker spend;

    public DecideCandidates(DecisionLog decisions, SpendTracker spend) {
        this.decisions = decisions;
        this.spend = spend;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        ChatRequest request = exchange.getProperty(ParseChatRequest.PROPERTY, ChatRequest.class);
        Authenticate.Terms terms = exchange.getProperty(Authenticate.PROPERTY, Authenticate.Terms.class);
        String pinned = pinnedModel(policy.config(), request.model());
        CoderIdentity coder = exchange.getProperty(IdentifyCoder.PROPERTY, CoderIdentity.UNKNOWN, CoderIdentity.class);
        Decision decision = policy.decider().decide(input(request, pinned, terms, coder));
        decisions.record(decision);
        FallbackAttempts attempts = new FallbackAttempts(request, pinned, terms.caller(), decision);
        String overBudget = pinned == null ? null : pinnedPaidOverBudget(policy, attempts);
        if (overBudget != null) {
            // fallback-to-free: the pinned paid model gives way to what the policy would choose, paid models aside.
            decision = policy.decider().decide(input(request, null, terms, coder));
            decisions.record(decision);
            attempts = new FallbackAttempts(request, null, terms.caller(), decision);
            attempts.budgetNoted(overBudget + "; the client asked for " + pinned);
        }
        exchange.setProperty(FallbackAttempts.PROPERTY, attempts);
        if (decision.ranked().isEmpty()) {
            throw new NoCandidateServed(attempts);
        }
    }

    /** Why the pinned model, paid, must give way to free ones under a fallback-to-free budget; or {@code null}. */
    private String pinnedPaidOverBudget(PolicySnapshot policy, FallbackAttempts attempts) {
        if (attempts.decision().ranked().size() != 1 || attempts.decision().ranked().get(0).candidate().free()) {
            return null;
        }
        Reservation check = Budgets.check(spend, policy.config().budgets(), attempts,
                attempts.decision().ranked().get(0).candidate());
        return check.overrun() != null && check.overrun().action() == BudgetAction.FALLBACK_TO_FREE
                ? check.overrun().describe() : null;
    }

    /** What the decider sees of a request under its terms: experiments split on the session header, else the request's {@code user}. */
    public static DecisionInput input(ChatRequest request, String pinned, Authenticate.Terms terms) {
        return input(request, pinned, terms, CoderIdentity.UNKNOWN);
    }

    /** The same, from a recognised coder. */
    public static DecisionInput input(ChatRequest request, String pinned, Authenticate.Terms terms, CoderIdentity coder) {
        String session = terms.sessionId() != null ? terms.sessionId()
                : request.extra().get("user") instanceof String user ? user : null;
        return new DecisionInput(request, pinned, terms.profile(), terms.allowPaid(), terms.headerTask(), session,
                coder, terms.caller().domain());
    }

    /** {@code null} for an alias; the catalog name for a catalog name or a unique upstream id. */
    public static String pinnedModel(TollgateConfig config, String requested) throws ApiError {
        if (config.gateway().autoAliases().contains(requested)) {
            return null;
        }
        if (config.models().containsKey(requested)) {
            return requested;
        }
        List<String> byUpstreamId = config.models().entrySet().stream()
                .filter(e -> e.getValue().upstream().equals(requested)).map(Map.Entry::getKey).toList();
        if (byUpstreamId.size() == 1) {
            return byUpstreamId.get(0);
        }
        String known = String.join(", ", config.gateway().autoAliases()) + ", "
                + String.join(", ", config.models().keySet().stream().limit(NAMES_IN_ERROR).toList())
                + (config.models().size() > NAMES_IN_ERROR ? ", … (GET /v1/models lists all)" : "");
        String hint = byUpstreamId.isEmpty() ? "" : " (several providers serve it: " + String.join(", ", byUpstreamId) + ")";
        throw new ApiError(404, "invalid_request_error", "model_not_found", "model",
                "the model '" + requested + "' is not in the catalog" + hint + "; use one of: " + known, null);
    }
}
