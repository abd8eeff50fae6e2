package dev.tollgate.engine.http;

import dev.tollgate.engine.ledger.LedgerQueries;
import dev.tollgate.engine.config.BudgetLimit;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.quota.ProviderHealth;
import dev.tollgate.engine.quota.Quotas;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.sql.SQLException;
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
 * the ledger and the quota counters: provider status with its cooldowns and its tightest quota (as
 * {@code GET /admin/api/providers} reports them), requests and spend over time per provider, model and coder,
 * the month's spend with its month-end projection against the active profile's monthly budget, free-tier use
 * against each provider's daily request limit, success, fallback and escalation rates, and the latest decisions
 * with their explanation and justification. What is not configured (a budget, a quota) is {@code null}.
 */
public final class ReportDashboard implements Processor {
    private static final int RECENT = 25;
    private final PolicyHolder policy;
    private final LedgerQueries ledger;
    private final Quotas quotas;
    private final ProviderHealth health;

    public ReportDashboard(PolicyHolder policy, LedgerQueries ledger, Quotas quotas, ProviderHealth health) {
        this.policy = policy;
        this.ledger = ledger;
        this.quotas = quotas;
        this.health = health;
    }

    @Override
    public void process(Exchange exchange) throws SQLException, ApiError {
        String window = exchange.getMessage().getHeader("window", "hour", String.class);
        Instant now = health.clock().instant();
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
        PolicySnapshot snapshot = policy.current();
        Map<?, ?> state = (Map<?, ?>) ReportProviders.report(snapshot, quotas, health).get("providers");
        report.put("providers", providers(snapshot, state));
        Map<String, Object> totals = new LinkedHashMap<>(ledger.totals(since));
        long requests = number(totals.get("requests")).longValue();
        totals.put("successRate", rate(totals.get("ok"), requests));
        totals.put("fallbackRate", rate(totals.get("fell_back"), requests));
        totals.put("escalationRate", rate(totals.get("escalated"), requests));
        report.put("totals", totals);
        report.put("series", ledger.series(since, bucketChars));
        report.put("spend", spend(now, snapshot.config()));
        report.put("freeTier", freeTier(now, state));
        report.put("recent", ledger.recent(RECENT));
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(report));
    }

    private static List<Map<String, Object>> providers(PolicySnapshot snapshot, Map<?, ?> state) {
        List<Map<String, Object>> providers = new ArrayList<>();
        snapshot.config().providers().forEach((name, config) -> {
            Map<?, ?> health = (Map<?, ?>) state.get(name);
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("name", name);
            provider.put("enabled", config.enabled());
            String reason = snapshot.providers().unavailable().get(name);
            List<?> cooldowns = (List<?>) health.get("cooldowns");
            provider.put("status", !config.enabled() ? "disabled" : switch ((String) health.get("status")) {
                case "ready" -> "healthy";
                case "partly cooling down" -> "partial-cooldown";
                default -> health.get("status");
            });
            // The whole provider's cooldown if it has one, else a model's.
            Map<?, ?> cooldown = cooldowns.stream().map(c -> (Map<?, ?>) c)
                    .min(java.util.Comparator.comparing(c -> String.valueOf(c.get("scope")).startsWith("provider:") ? 0 : 1))
                    .orElse(null);
            provider.put("reason", reason != null ? reason : cooldown == null ? null : cooldown.get("reason"));
            provider.put("free", freeOnly(snapshot, name));
            provider.put("cooldownUntil", cooldown == null ? null : cooldown.get("until"));
            provider.put("cooldownScope", cooldown == null ? null : cooldown.get("scope"));
            provider.put("quotaLeft", tightest((List<?>) health.get("quotas")));
            providers.add(provider);
        });
        return providers;
    }

    /** The quota with the smallest share left, or {@code null} when the provider has none. */
    private static Map<?, ?> tightest(List<?> quotas) {
        Map<?, ?> tightest = null;
        double least = Double.MAX_VALUE;
        for (Object row : quotas) {
            Map<?, ?> quota = (Map<?, ?>) row;
            double share = quota.containsKey("credit_usd")
                    ? Double.parseDouble((String) quota.get("left_usd")) / Math.max(1e-9, Double.parseDouble((String) quota.get("credit_usd")))
                    : number(quota.get("left")).doubleValue() / Math.max(1, number(quota.get("max")).doubleValue());
            if (share < least) {
                least = share;
                tightest = quota;
            }
        }
        return tightest;
    }

    private static boolean freeOnly(PolicySnapshot snapshot, String provider) {
        return snapshot.config().models().values().stream().filter(m -> m.provider().equals(provider)).allMatch(m -> m.free());
    }

    private Map<String, Object> spend(Instant now, TollgateConfig config) throws SQLException {
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
        BudgetLimit budget = config.budgets().profiles().get(config.profile().name());
        spend.put("budgetUsd", budget == null || budget.monthly() == null ? null : budget.monthly().doubleValue());
        return spend;
    }

    private List<Map<String, Object>> freeTier(Instant now, Map<?, ?> state) throws SQLException {
        Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : ledger.byProvider(dayStart)) {
            if (number(row.get("free_requests")).longValue() > 0) {
                Map<String, Object> free = new LinkedHashMap<>(row);
                free.put("dailyLimit", dailyLimit(state.get(row.get("provider"))));
                rows.add(free);
            }
        }
        return rows;
    }

    /** The provider's own requests-per-day limit (not its models'), or {@code null}. */
    private static Object dailyLimit(Object health) {
        if (health instanceof Map<?, ?> provider) {
            for (Object row : (List<?>) provider.get("quotas")) {
                Map<?, ?> quota = (Map<?, ?>) row;
                if ("rpd".equals(quota.get("limit")) && String.valueOf(quota.get("scope")).startsWith("provider:")) {
                    return quota.get("max");
                }
            }
        }
        return null;
    }

    private static Double rate(Object part, long whole) {
        return whole == 0 ? null : number(part).doubleValue() / whole;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }
}
