package dev.tollgate.engine.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A calendar day or month in the user's zone.
 *
 * @param kind  {@code daily} or {@code monthly}
 * @param label {@code 2026-11-23} or {@code 2026-11}
 * @param start the first instant of the period
 * @param end   the first instant after it
 */
public record BudgetPeriod(String kind, String label, Instant start, Instant end) {

    public static BudgetPeriod day(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return new BudgetPeriod("daily", day.toString(), day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public static BudgetPeriod month(Instant at, ZoneId zone) {
        YearMonth month = YearMonth.from(ZonedDateTime.ofInstant(at, zone));
        return new BudgetPeriod("monthly", month.toString(), month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /** How far into the period {@code at} is, 0 to 1: for a month-end projection. */
    public double elapsed(Instant at) {
        double length = end.toEpochMilli() - start.toEpochMilli();
        return Math.min(1, Math.max(1e-9, (at.toEpochMilli() - start.toEpochMilli()) / length));
    }
}
