package dev.tollgate.engine.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.http.WireJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code tollgate report} prints and {@code GET /admin/api/usage} serves: spend, free-tier share
 * and savings over a period, grouped; the paid requests with their justifications; failures and
 * fallbacks; and recommendations that suggest paying only where the ledger shows the need.
 */
public final class UsageReport {
    /** Denied escalations needed before a paid option is suggested: fewer is anecdote, not evidence. */
    static final int EVIDENCE = 3;
    private static final int PAID_LISTED = 50;
    private static final Map<String, String> GROUPS = Map.of("provider", "provider", "model", "model", "coder", "coder",
            "key", "key_name", "task", "task");
    public static final List<String> PERIODS = List.of("day", "week", "month");

    private UsageReport() {
    }

    /** The period holding {@code now} in {@code zone}: today, this week (from Monday) or this month. */
    public static Instant periodStart(String period, Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = switch (period) {
            case "day" -> today;
            case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> today.withDayOfMonth(1);
            default -> throw new IllegalArgumentException("--period must be one of " + PERIODS + ", got '" + period + "'");
        };
        return first.atStartOfDay(zone).toInstant();
    }

    public static Map<String, Object> build(Connection db, String period, String by, Instant now, ZoneId zone) throws SQLException {
        String column = GROUPS.get(by);
        if (column == null) {
            throw new IllegalArgumentException("--by must be one of provider, model, coder, key, task; got '" + by + "'");
        }
        Instant from = periodStart(period, now, zone);
        String since = LedgerTime.format(from);
        String until = LedgerTime.format(now.plusMillis(1));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("period", Map.of("kind", period, "from", from.toString(), "to", now.toString(), "zone", zone.getId()));
        report.put("by", by);
        report.put("totals", sums(db, "SELECT 'all'", since, until).get(0));
        report.put("groups", sums(db, "SELECT COALESCE(" + column + ", '(none)')", since, until));
        report.put("paid_requests", paid(db, since, until));
        report.put("failures", failures(db, since, until));
        report.put("recommendations", recommendations(db, since, until, Duration.between(from, now)));
        return report;
    }

    private static List<Map<String, Object>> sums(Connection db, String select, String since, String until) throws SQLException {
        String grouped = select.startsWith("SELECT 'all'") ? "" : " GROUP BY 1 ORDER BY 6 DESC, 1";
        String sql = select + """
                , COUNT(*), SUM(CASE WHEN free = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN free = 1 THEN 1 ELSE 0 END),
                SUM(CASE WHEN outcome <> 'ok' THEN 1 ELSE 0 END), COALESCE(SUM(cost_usd), 0), COALESCE(SUM(would_have_cost_usd), 0),
                COALESCE(SUM(saved_usd), 0), COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0)
                FROM requests WHERE started_at >= ? AND started_at < ?""" + grouped;
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, since);
            query.setString(2, until);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    if (!grouped.isEmpty()) {
                        row.put("key", rs.getString(1));
                    }
                    long requests = rs.getLong(2);
                    long free = rs.getLong(4);
                    row.put("requests", requests);
                    row.put("paid_requests", rs.getLong(3));
                    row.put("free_requests", free);
                    row.put("failed", rs.getLong(5));
                    row.put("free_share", requests == 0 ? 0.0 : Math.round(1000.0 * free / requests) / 1000.0);
                    row.put("spend_usd", usd(rs.getDouble(6)));
                    row.put("would_have_spent_usd", usd(rs.getDouble(7)));
                    row.put("saved_usd", usd(rs.getDouble(8)));
                    row.put("prompt_tokens", rs.getLong(9));
                    row.put("completion_tokens", rs.getLong(10));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> paid(Connection db, String since, String until) throws SQLException {
        List<Map<String, Object>> paid = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                SELECT decision_id, started_at, model, cost_usd, escalation_trigger, justification, escalation, budget
                FROM requests WHERE free = 0 AND started_at >= ? AND started_at < ? ORDER BY started_at DESC""" + " LIMIT " + PAID_LISTED)) {
            query.setString(1, since);
            query.setString(2, until);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("decision_id", rs.getString(1));
                    row.put("at", rs.getString(2));
                    row.put("model", rs.getString(3));
                    row.put("cost_usd", usd(rs.getDouble(4)));
                    row.put("trigger", rs.getString(5));
                    row.put("justification", rs.getString(6));
                    row.put("escalation", rs.getString(7) == null ? null : json(rs.getString(7)));
                    row.put("budget", rs.getString(8));
                    paid.add(row);
                }
            }
        }
        return paid;
    }

    private static Map<String, Object> failures(Connection db, String since, String until) throws SQLException {
        Map<String, Object> failures = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement("""
                SELECT outcome, COUNT(*) FROM requests WHERE outcome <> 'ok' AND started_at >= ? AND started_at < ?
                GROUP BY outcome ORDER BY outcome""")) {
            query.setString(1, since);
            query.setString(2, until);
            Map<String, Object> byOutcome = new LinkedHashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    byOutcome.put(rs.getString(1), rs.getLong(2));
                }
            }
            failures.put("by_outcome", byOutcome);
        }
        try (PreparedStatement query = db.prepareStatement("""
                SELECT COUNT(*) FROM requests r WHERE r.started_at >= ? AND r.started_at < ?
                AND (SELECT COUNT(*) FROM attempts a WHERE a.request_id = r.id) > 1""")) {
            query.setString(1, since);
            query.setString(2, until);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                failures.put("fell_back", rs.getLong(1));
            }
        }
        return failures;
    }

    /** A paid option is suggested only for denied escalations seen often enough, with what allowing them would cost a month. */
    private static Map<String, Object> recommendations(Connection db, String since, String until, Duration elapsed)
            throws SQLException {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> extra = new LinkedHashMap<>();
        long overBudget = 0;
        try (PreparedStatement query = db.prepareStatement("""
                SELECT task, complexity, escalation_trigger, escalation, escalation_denied, budget FROM requests
                WHERE (escalation_denied = 1 OR budget IS NOT NULL) AND started_at >= ? AND started_at < ?""")) {
            query.setString(1, since);
            query.setString(2, until);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(5) == 1) {
                        String key = rs.getString(2) + " " + rs.getString(1) + " tasks (" + rs.getString(3) + ")";
                        counts.computeIfAbsent(key, k -> new long[1])[0]++;
                        JsonNode escalation = rs.getString(4) == null ? null : json(rs.getString(4));
                        BigDecimal cost = escalation == null ? BigDecimal.ZERO
                                : escalation.path("estimated_extra_cost_usd").decimalValue();
                        extra.merge(key, cost, BigDecimal::add);
                    } else if (rs.getString(6) != null) {
                        overBudget++;
                    }
                }
            }
        }
        double days = Math.max(elapsed.toMinutes() / 1440.0, 1.0 / 24);
        List<Map<String, Object>> suggestions = new ArrayList<>();
        counts.forEach((what, n) -> {
            if (n[0] >= EVIDENCE) {
                BigDecimal monthly = extra.get(what).multiply(BigDecimal.valueOf(30 / days));
                Map<String, Object> suggestion = new LinkedHashMap<>();
                suggestion.put("evidence", n[0] + " escalations to a paid model denied under FREE for " + what);
                suggestion.put("denied", n[0]);
                suggestion.put("estimated_monthly_cost_usd", usd(monthly.doubleValue()));
                suggestion.put("suggestion", String.format(Locale.ROOT,
                        "allowing paid models for these (x-tollgate-allow-paid, or a key with allow-paid) would cost about %s USD a month",
                        usd(monthly.doubleValue()).toPlainString()));
                suggestions.add(suggestion);
            }
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("needed", !suggestions.isEmpty());
        result.put("suggestions", suggestions);
        result.put("requests_kept_off_paid_by_budgets", overBudget);
        result.put("summary", suggestions.isEmpty()
                ? "none needed: the ledger shows no repeated need for a paid model (fewer than " + EVIDENCE
                        + " denied escalations of any kind)"
                : suggestions.size() + " paid option(s) worth considering, each backed by the ledger");
        return result;
    }

    private static JsonNode json(String text) {
        try {
            return WireJson.MAPPER.readTree(text);
        } catch (Exception e) {
            return WireJson.MAPPER.getNodeFactory().textNode(text);
        }
    }

    private static BigDecimal usd(double amount) {
        return BigDecimal.valueOf(amount).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
