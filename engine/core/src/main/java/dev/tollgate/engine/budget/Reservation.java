package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetAction;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer to "may this paid call go ahead?", and what it holds while it runs.
 *
 * @param admitted whether the call may be made
 * @param overrun  the budget the call would pass (the strictest one), or {@code null}
 * @param keys     what the reservation holds (the tracker's own keys)
 * @param amount   the maximum cost reserved
 */
public record Reservation(boolean admitted, Overrun overrun, List<SpendKey> keys, BigDecimal amount) {

    /**
     * A budget a call would pass.
     *
     * @param kind     {@code daily} or {@code monthly}
     * @param inFlight what calls in flight have reserved
     */
    public record Overrun(BudgetScope scope, String kind, BigDecimal limit, BigDecimal spent, BigDecimal inFlight,
                          BudgetAction action) {

        /** For the ledger and the client: which budget, what is spent, what the action is. */
        public String describe() {
            return action + ": the " + kind + " budget of " + scope + " (" + limit.toPlainString() + " USD) is reached: "
                    + spent.stripTrailingZeros().toPlainString() + " USD spent"
                    + (inFlight.signum() > 0 ? " and " + inFlight.stripTrailingZeros().toPlainString() + " USD in flight" : "");
        }
    }
}
