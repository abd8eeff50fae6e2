package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetsConfig;
import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.engine.routing.FallbackAttempts;

import java.util.ArrayList;
import java.util.List;

/** The budgets a request counts against: its profile's, its key's and its team's. */
public final class Budgets {
    private Budgets() {
    }

    public static List<BudgetScope> scopes(FallbackAttempts attempts) {
        List<BudgetScope> scopes = new ArrayList<>(3);
        scopes.add(BudgetScope.profile(attempts.decision().profile().name()));
        if (attempts.caller().name() != null) {
            scopes.add(BudgetScope.key(attempts.caller().name()));
        }
        if (attempts.caller().team() != null) {
            scopes.add(BudgetScope.team(attempts.caller().team()));
        }
        return scopes;
    }

    /** Reserves the most {@code model} can cost for this request, under every budget that applies. */
    public static Reservation reserve(SpendTracker tracker, BudgetsConfig budgets, FallbackAttempts attempts, Candidate model) {
        return tracker.reserve(budgets, scopes(attempts), MaxCost.of(model, attempts.request(), budgets.maxOutputTokens()));
    }

    /** Whether a call to {@code model} would be let through now, without reserving. */
    public static Reservation check(SpendTracker tracker, BudgetsConfig budgets, FallbackAttempts attempts, Candidate model) {
        return tracker.check(budgets, scopes(attempts), MaxCost.of(model, attempts.request(), budgets.maxOutputTokens()));
    }
}
