package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetAction;

import java.math.BigDecimal;
import java.util.List;

/**
 * Spend reached an alert threshold of a budget (once per period and threshold).
 *
 * @param percent the threshold, a percentage of {@code limit}
 * @param spent               the spend that reached it
 * @param topModels           the models that spent most in the period, most first
 * @param monthEndProjection  the month's spend so far, extrapolated to the month's end
 */
public record ThresholdCrossed(BudgetScope scope, BudgetPeriod period, int percent, BigDecimal spent, BigDecimal limit,
                               BudgetAction action, List<ModelSpend> topModels, BigDecimal monthEndProjection) {

    public record ModelSpend(String model, BigDecimal spentUsd) {
    }
}
