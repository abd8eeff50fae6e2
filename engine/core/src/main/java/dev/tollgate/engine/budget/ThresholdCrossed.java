package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetAction;

import java.math.BigDecimal;

/**
 * Spend reached an alert threshold of a budget (once per period and threshold).
 *
 * @param percent the threshold, a percentage of {@code limit}
 * @param spent   the spend that reached it
 */
public record ThresholdCrossed(BudgetScope scope, BudgetPeriod period, int percent, BigDecimal spent, BigDecimal limit,
                               BudgetAction action) {
}
