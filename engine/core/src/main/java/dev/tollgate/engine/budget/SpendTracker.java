package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetAction;
import dev.tollgate.engine.config.BudgetLimit;
import dev.tollgate.engine.config.BudgetsConfig;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What each profile, key and team has spent this day and this month, and what paid calls in
 * flight may still spend. A paid call is let through only when committed spend plus every
 * reservation plus its own maximum cost stays within each limit that applies, so that concurrent
 * calls cannot overshoot a budget by more than one call's maximum cost (only when an upstream
 * bills more than the maximum we reserved). Lives for the gateway's life, across policy reloads.
 */
public final class SpendTracker {
    private final Clock clock;
    private final Map<SpendKey, BigDecimal> committed = new HashMap<>();
    private final Map<SpendKey, BigDecimal> reserved = new HashMap<>();
    private final Map<SpendKey, Map<String, BigDecimal>> byModel = new HashMap<>();
    private final Set<String> alerted = new HashSet<>();
    private final Consumer<ThresholdCrossed> alerts;

    public SpendTracker(Clock clock, Consumer<ThresholdCrossed> alerts) {
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Spend already in the ledger (at start-up): it counts against this day's and month's budgets, and its alerts have fired. */
    public synchronized void load(List<PastSpend> rows, ZoneId zone) {
        for (PastSpend row : rows) {
            for (BudgetScope scope : row.scopes()) {
                for (BudgetPeriod period : List.of(BudgetPeriod.day(row.at(), zone), BudgetPeriod.month(row.at(), zone))) {
                    SpendKey key = new SpendKey(scope, period.label());
                    committed.merge(key, row.costUsd(), BigDecimal::add);
                    byModel.computeIfAbsent(key, k -> new HashMap<>()).merge(row.model(), row.costUsd(), BigDecimal::add);
                }
            }
        }
    }

    /**
     * Reserves {@code maxCost} for a paid call under every budget of {@code scopes}, unless that would pass one
     * whose action is not {@code warn-only}.
     */
    public synchronized Reservation reserve(BudgetsConfig budgets, List<BudgetScope> scopes, BigDecimal maxCost) {
        return evaluate(budgets, scopes, maxCost, true);
    }

    /** Whether a paid call of {@code maxCost} would be let through now, without reserving anything. */
    public synchronized Reservation check(BudgetsConfig budgets, List<BudgetScope> scopes, BigDecimal maxCost) {
        return evaluate(budgets, scopes, maxCost, false);
    }

    private Reservation evaluate(BudgetsConfig budgets, List<BudgetScope> scopes, BigDecimal maxCost, boolean hold) {
        Instant now = clock.instant();
        ZoneId zone = budgets.zoneId();
        List<SpendKey> keys = new ArrayList<>();
        Reservation.Overrun worst = null;
        for (BudgetScope scope : scopes) {
            BudgetLimit limit = scope.limit(budgets);
            for (BudgetPeriod period : List.of(BudgetPeriod.day(now, zone), BudgetPeriod.month(now, zone))) {
                SpendKey key = new SpendKey(scope, period.label());
                keys.add(key);
                BigDecimal cap = limit == null ? null : "daily".equals(period.kind()) ? limit.daily() : limit.monthly();
                if (cap == null) {
                    continue;
                }
                BigDecimal spent = committed.getOrDefault(key, BigDecimal.ZERO);
                BigDecimal inFlight = reserved.getOrDefault(key, BigDecimal.ZERO);
                if (spent.add(inFlight).add(maxCost).compareTo(cap) > 0) {
                    Reservation.Overrun overrun = new Reservation.Overrun(scope, period.kind(), cap, spent, inFlight,
                            limit.action());
                    if (worst == null || overrun.action().compareTo(worst.action()) < 0) {
                        worst = overrun;
                    }
                }
            }
        }
        if (worst != null && worst.action() != BudgetAction.WARN_ONLY || !hold) {
            return new Reservation(worst == null || worst.action() == BudgetAction.WARN_ONLY, worst, List.of(), BigDecimal.ZERO);
        }
        for (SpendKey key : keys) {
            reserved.merge(key, maxCost, BigDecimal::add);
        }
        return new Reservation(true, worst, List.copyOf(keys), maxCost);
    }

    /** The call answered and cost {@code costUsd}: the reservation becomes spend; thresholds crossed are alerted. */
    public void settle(BudgetsConfig budgets, Reservation reservation, String model, BigDecimal costUsd) {
        List<ThresholdCrossed> crossed = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (SpendKey key : reservation.keys()) {
                reserved.merge(key, reservation.amount().negate(), BigDecimal::add);
                BigDecimal before = committed.getOrDefault(key, BigDecimal.ZERO);
                BigDecimal after = before.add(costUsd);
                committed.put(key, after);
                byModel.computeIfAbsent(key, k -> new HashMap<>()).merge(model, costUsd, BigDecimal::add);
                crossed.addAll(crossings(budgets, key, before, after, now));
            }
        }
        crossed.forEach(alerts);
    }

    /** The call failed or was not made: its reservation is freed. */
    public synchronized void release(Reservation reservation) {
        for (SpendKey key : reservation.keys()) {
            reserved.merge(key, reservation.amount().negate(), BigDecimal::add);
        }
    }

    /** Committed spend of a scope in the period holding now. */
    public synchronized BigDecimal spent(BudgetScope scope, BudgetPeriod period) {
        return committed.getOrDefault(new SpendKey(scope, period.label()), BigDecimal.ZERO);
    }

    private List<ThresholdCrossed.ModelSpend> topModels(SpendKey key) {
        return byModel.getOrDefault(key, Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).limit(3)
                .map(e -> new ThresholdCrossed.ModelSpend(e.getKey(), e.getValue())).toList();
    }

    /** The month's spend so far, divided by how far into the month we are. */
    private BigDecimal monthEndProjection(BudgetScope scope, Instant now, ZoneId zone) {
        BudgetPeriod month = BudgetPeriod.month(now, zone);
        BigDecimal spent = committed.getOrDefault(new SpendKey(scope, month.label()), BigDecimal.ZERO);
        return spent.divide(BigDecimal.valueOf(month.elapsed(now)), java.math.MathContext.DECIMAL64);
    }

    private List<ThresholdCrossed> crossings(BudgetsConfig budgets, SpendKey key, BigDecimal before, BigDecimal after, Instant now) {
        BudgetLimit limit = key.scope().limit(budgets);
        if (limit == null) {
            return List.of();
        }
        ZoneId zone = budgets.zoneId();
        BudgetPeriod day = BudgetPeriod.day(now, zone);
        BudgetPeriod period = day.label().equals(key.period()) ? day : BudgetPeriod.month(now, zone);
        BigDecimal cap = "daily".equals(period.kind()) ? limit.daily() : limit.monthly();
        if (cap == null || !period.label().equals(key.period())) {
            return List.of();
        }
        List<ThresholdCrossed> crossed = new ArrayList<>();
        for (int percent : limit.alertAt()) {
            BigDecimal threshold = cap.multiply(BigDecimal.valueOf(percent)).movePointLeft(2);
            if (before.compareTo(threshold) < 0 && after.compareTo(threshold) >= 0
                    && alerted.add(key.scope() + "|" + period.label() + "|" + percent)) {
                crossed.add(new ThresholdCrossed(key.scope(), period, percent, after, cap, limit.action(), topModels(key),
                        monthEndProjection(key.scope(), now, zone)));
            }
        }
        return crossed;
    }
}
