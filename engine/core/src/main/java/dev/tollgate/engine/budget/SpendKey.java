package dev.tollgate.engine.budget;

/** One scope's spend in one period ({@link BudgetPeriod#label}). */
record SpendKey(BudgetScope scope, String period) {
}
