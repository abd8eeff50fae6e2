package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetLimit;
import dev.tollgate.engine.config.BudgetsConfig;

/**
 * Whose money a budget counts: a profile's, a gateway key's or a team's.
 *
 * @param kind {@code profile}, {@code key} or {@code team}
 * @param name the profile, key or team name
 */
public record BudgetScope(String kind, String name) {

    public static BudgetScope profile(String name) {
        return new BudgetScope("profile", name);
    }

    public static BudgetScope key(String name) {
        return new BudgetScope("key", name);
    }

    public static BudgetScope team(String name) {
        return new BudgetScope("team", name);
    }

    /** This scope's limit in {@code budgets}, or {@code null}. */
    BudgetLimit limit(BudgetsConfig budgets) {
        return switch (kind) {
            case "profile" -> budgets.profiles().get(name);
            case "key" -> budgets.keys().get(name);
            default -> budgets.teams().get(name);
        };
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
