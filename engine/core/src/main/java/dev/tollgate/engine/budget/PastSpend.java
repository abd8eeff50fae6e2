package dev.tollgate.engine.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A paid request already in the ledger: when, what it cost, and whose budgets it counts against. */
public record PastSpend(Instant at, BigDecimal costUsd, List<BudgetScope> scopes) {
}
