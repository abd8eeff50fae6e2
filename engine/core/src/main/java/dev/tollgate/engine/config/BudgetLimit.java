package dev.tollgate.engine.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * One budget: what a profile, a key or a team may spend per calendar day and month (USD).
 *
 * @param daily   the day's limit, or {@code null} for none
 * @param monthly the month's limit, or {@code null} for none
 * @param alertAt the percentages of a limit at which an alert fires, once per period each
 * @param action  what happens to a paid call that would pass a limit
 */
public record BudgetLimit(BigDecimal daily, BigDecimal monthly, List<Integer> alertAt, BudgetAction action) {

    public BudgetLimit {
        alertAt = alertAt == null ? List.of(50, 80, 100) : List.copyOf(alertAt);
        action = action == null ? BudgetAction.FALLBACK_TO_FREE : action;
    }
}
