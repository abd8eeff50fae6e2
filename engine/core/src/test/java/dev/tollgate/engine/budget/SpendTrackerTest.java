package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.BudgetAction;
import dev.tollgate.engine.config.BudgetLimit;
import dev.tollgate.engine.config.BudgetsConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpendTrackerTest {
    private static final BudgetScope CAREFUL = BudgetScope.profile("CAREFUL");
    private final List<ThresholdCrossed> alerts = new ArrayList<>();

    private static BudgetsConfig budgets(String zone, BudgetLimit limit) {
        return new BudgetsConfig(zone, 4096, Map.of("CAREFUL", limit), Map.of(), Map.of());
    }

    private SpendTracker at(String instant) {
        return new SpendTracker(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), alerts::add);
    }

    @Test
    void reservationsInFlightCountAgainstTheBudget() {
        SpendTracker tracker = at("2026-11-23T10:00:00Z");
        BudgetsConfig budgets = budgets("UTC", new BudgetLimit(null, new BigDecimal("1.00"), List.of(), BudgetAction.BLOCK_PAID));
        Reservation first = tracker.reserve(budgets, List.of(CAREFUL), new BigDecimal("0.60"));
        assertThat(first.admitted()).isTrue();
        Reservation second = tracker.reserve(budgets, List.of(CAREFUL), new BigDecimal("0.60"));
        assertThat(second.admitted()).isFalse();
        assertThat(second.overrun().describe()).contains("block-paid: the monthly budget of profile CAREFUL (1.00 USD)")
                .contains("0.6 USD in flight");
        tracker.settle(budgets, first, "paid/best", new BigDecimal("0.10"));
        assertThat(tracker.reserve(budgets, List.of(CAREFUL), new BigDecimal("0.60")).admitted()).isTrue();
    }

    @Test
    void aReleasedReservationFreesItsRoom() {
        SpendTracker tracker = at("2026-11-23T10:00:00Z");
        BudgetsConfig budgets = budgets("UTC", new BudgetLimit(new BigDecimal("1"), null, List.of(), BudgetAction.FALLBACK_TO_FREE));
        Reservation held = tracker.reserve(budgets, List.of(CAREFUL), new BigDecimal("0.9"));
        assertThat(tracker.check(budgets, List.of(CAREFUL), new BigDecimal("0.2")).admitted()).isFalse();
        tracker.release(held);
        assertThat(tracker.check(budgets, List.of(CAREFUL), new BigDecimal("0.2")).admitted()).isTrue();
    }

    @Test
    void warnOnlyLetsTheCallThroughAndSaysSo() {
        SpendTracker tracker = at("2026-11-23T10:00:00Z");
        BudgetsConfig budgets = budgets("UTC", new BudgetLimit(new BigDecimal("0.01"), null, List.of(), BudgetAction.WARN_ONLY));
        Reservation over = tracker.reserve(budgets, List.of(CAREFUL), new BigDecimal("0.5"));
        assertThat(over.admitted()).isTrue();
        assertThat(over.overrun().action()).isEqualTo(BudgetAction.WARN_ONLY);
    }

    @Test
    void eachThresholdFiresOncePerPeriod() {
        SpendTracker tracker = at("2026-11-23T10:00:00Z");
        BudgetsConfig budgets = budgets("UTC", new BudgetLimit(null, new BigDecimal("10"), List.of(50, 80, 100), BudgetAction.WARN_ONLY));
        for (int i = 0; i < 12; i++) {
            tracker.settle(budgets, tracker.reserve(budgets, List.of(CAREFUL), BigDecimal.ONE), "paid/best", BigDecimal.ONE);
        }
        assertThat(alerts).extracting(ThresholdCrossed::percent).containsExactly(50, 80, 100);
        assertThat(alerts.get(0).spent()).isEqualByComparingTo("5");
    }

    @Test
    void daysAndMonthsAreTheUsersCalendar() {
        // 23:30 UTC on the 30th of November is already the 1st of December in Tokyo: a new day and a new month there.
        SpendTracker tracker = at("2026-11-30T23:30:00Z");
        tracker.load(List.of(new PastSpend(Instant.parse("2026-11-30T10:00:00Z"), "paid/best", new BigDecimal("3"), List.of(CAREFUL))),
                ZoneId.of("Asia/Tokyo"));
        BudgetsConfig tokyo = budgets("Asia/Tokyo", new BudgetLimit(new BigDecimal("1"), new BigDecimal("1"), List.of(),
                BudgetAction.BLOCK_PAID));
        assertThat(tracker.check(tokyo, List.of(CAREFUL), new BigDecimal("0.5")).admitted()).isTrue();
        SpendTracker utc = at("2026-11-30T23:30:00Z");
        utc.load(List.of(new PastSpend(Instant.parse("2026-11-30T10:00:00Z"), "paid/best", new BigDecimal("3"), List.of(CAREFUL))), ZoneOffset.UTC);
        assertThat(utc.check(budgets("UTC", new BudgetLimit(null, new BigDecimal("1"), List.of(), BudgetAction.BLOCK_PAID)),
                List.of(CAREFUL), new BigDecimal("0.5")).admitted()).isFalse();
    }
}
