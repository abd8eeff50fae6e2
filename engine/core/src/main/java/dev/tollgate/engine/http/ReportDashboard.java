package dev.tollgate.engine.http;

import dev.tollgate.engine.ledger.LedgerQueries;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/api/dashboard?window=hour|day|month}: what the dashboard draws, from the policy in force
 * and the ledger: provider status, requests and spend over time per provider, model and coder, the month's
 * spend with its month-end projection, free-tier use, success and fallback rates, and the latest decisions
 * with their explanation and justification. Values nobody records yet (cooldowns, quota left, budgets,
 * escalations) are {@code null}, never made up.
 */
public final class ReportDashboard implements Processor {
    private static final int RECENT = 25;
    private final PolicyHolder policy;
    private final LedgerQueries ledger;
    private final Clock clock;

    public ReportDashboard(PolicyHolder policy, LedgerQueries ledger) {
        this(policy, ledger, Clock.systemUTC());
    }

    ReportDashboard(PolicyHolder policy, LedgerQueries ledger, Clock clock) {
        this.policy = policy;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws SQLException, ApiError {
        String window = exchange.getMessage().getHeader("window", "hour", String.class);
        Instant now = clock.instant();
        Instant since;
        int bucketChars;
        switch (window) {
            case "hour" -> { since = now.minus(Duration.ofHours(1)); bucketChars = 16; }
            case "day" -> { since = now.minus(Duration.ofDays(1)); bucketChars = 13; }
            case "month" -> { since = now.minus(Duration.ofDays(31)); bucketChars = 10; }
            default -> throw ApiError.invalidRequest("invalid_window", "window",
                    "window must be hour, day or month, got '" + window + "'");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("generatedAt", now.toString());
        report.put("window", window);
        report.put("bucket", bucketChars == 16 ? "minute" : bucketChars == 13 ? "hour" : "day");
        report.put("providers", providers(policy.current()));
        Map<String, Object> totals = new LinkedHashMap<>(ledger.totals(since));
        long requests = number(totals.get("requests")).longValue();
        totals.put("successRate", rate(totals.get("ok"), requests));
        totals.put("fallbackRate", rate(totals.get("fell_back"), requests));
        totals.put("escalationRate", null);
        report.put("totals", totals);
        report.put("series", ledger.series(since, bucketChars));
        report.put("spend", spend(now));
        report.put("freeTier", freeTier(now));
        report.put("recent", ledger.recent(RECENT));
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(report));
    }

    private static List<Map<String, Object>> providers(PolicySnapshot snapshot) {
        List<Map<String, Object>> providers = new ArrayList<>();
        snapshot.config().providers().forEach((name, config) -> {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("name", name);
            provider.put("enabled", config.enabled());
            String reason = snapshot.providers().unavailable().get(name);
            provider.put("status", !config.enabled() ? "disabled" : reason == null ? "healthy" : "unavailable");
            provider.put("reason", reason);
            provider.put("free", freeOnly(snapshot, name));
            provider.put("cooldownUntil", null);
            provider.put("quotaLeft", null);
            providers.add(provider);
        });
        return providers;
    }

    private static boolean freeOnly(PolicySnapshot snapshot, String provider) {
        return snapshot.config().models().values().stream().filter(m -> m.provider().equals(provider)).allMatch(m -> m.free());
    }

    private Map<String, Object> spend(Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = today.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double spent = ledger.spentSince(monthStart);
        double elapsed = Duration.between(monthStart, now).toMillis();
        double whole = Duration.between(monthStart, monthEnd).toMillis();
        Map<String, Object> spend = new LinkedHashMap<>();
        spend.put("month", today.withDayOfMonth(1).toString().substring(0, 7));
        spend.put("spentUsd", spent);
        // A straight line through the month so far: what the month costs if it goes on as it went.
        spend.put("projectedUsd", elapsed <= 0 ? spent : spent * whole / elapsed);
        spend.put("monthElapsed", elapsed / whole);
        spend.put("budgetUsd", null);
        return spend;
    }

    private List<Map<String, Object>> freeTier(Instant now) throws SQLException {
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : ledger.byProvider(dayStart)) {
            if (number(row.get("free_requests")).longValue() > 0) {
                Map<String, Object> free = new LinkedHashMap<>(row);
                free.put("dailyLimit", null);
                rows.add(free);
            }
        }
        return rows;
    }

    private static Double rate(Object part, long whole) {
        return whole == 0 ? null : number(part).doubleValue() / whole;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }
}
