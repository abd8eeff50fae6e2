package dev.tollgate.engine.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A paid request already in the ledger: when, which model, what it cost, and whose budgets it counts against. */
public record PastSpend(Instant at, String model, BigDecimal costUsd, List<BudgetScope> scopes) {
}
