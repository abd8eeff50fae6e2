package dev.tollgate.engine.ledger;

import dev.tollgate.engine.budget.BudgetScope;
import dev.tollgate.engine.budget.PastSpend;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ledger for /metrics and the dashboard, on a connection of its own so that reading never
 * waits for the writer (SQLite in WAL mode lets readers and one writer work at once). Portable SQL: the same
 * queries run on SQLite and PostgreSQL (no sums of booleans).
 */
public final class LedgerQueries implements AutoCloseable {
    private final Connection connection;

    private LedgerQueries(Connection connection) {
        this.connection = connection;
    }

    /** Opens the ledger {@link Ledger#open} created and migrated. */
    public static LedgerQueries open(LedgerDatabase database) throws SQLException {
        return new LedgerQueries(database.connect());
    }

    /** What was spent from {@code since} on, in US dollars. */
    public synchronized double spentSince(Instant since) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(SUM(cost_usd), 0) FROM requests WHERE started_at >= ?")) {
            query.setString(1, LedgerTime.format(since));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getDouble(1);
            }
        }
    }

    /**
     * Requests and spend from {@code since} on, per time bucket and provider, model and coder.
     *
     * @param bucketChars how much of the ISO time a bucket keeps: 16 for minutes, 13 for hours, 10 for days
     */
    public synchronized List<Map<String, Object>> series(Instant since, int bucketChars) throws SQLException {
        return rows("SELECT substr(started_at, 1, " + bucketChars + ") AS bucket, COALESCE(provider, 'none') AS provider, "
                + "COALESCE(model, 'none') AS model, " + coder() + " AS coder, COUNT(*) AS requests, "
                + "COALESCE(SUM(cost_usd), 0) AS cost_usd FROM requests WHERE started_at >= ? "
                + "GROUP BY bucket, provider, model, coder ORDER BY bucket", LedgerTime.format(since));
    }

    /** Totals from {@code since} on: requests, answered, fallen back, paid, free, escalated to paid, tokens and spend. */
    public synchronized Map<String, Object> totals(Instant since) throws SQLException {
        return rows("""
                SELECT COUNT(*) AS requests,
                       COALESCE(SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END), 0) AS ok,
                       COALESCE(SUM(CASE WHEN (SELECT COUNT(*) FROM attempts a WHERE a.request_id = r.id) > 1 THEN 1 ELSE 0 END), 0) AS fell_back,
                       COALESCE(SUM(CASE WHEN free = 1 THEN 1 ELSE 0 END), 0) AS free_requests,
                       COALESCE(SUM(CASE WHEN free = 0 THEN 1 ELSE 0 END), 0) AS paid_requests,
                       COALESCE(SUM(CASE WHEN escalation_trigger IS NOT NULL AND escalation_denied = 0 THEN 1 ELSE 0 END), 0) AS escalated,
                       COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS tokens,
                       COALESCE(SUM(cost_usd), 0) AS cost_usd
                FROM requests r WHERE started_at >= ?""", LedgerTime.format(since)).get(0);
    }

    /** Per provider from {@code since} on: requests, answered, free answers and their tokens, spend. */
    public synchronized List<Map<String, Object>> byProvider(Instant since) throws SQLException {
        return rows("""
                SELECT provider, COUNT(*) AS requests, COALESCE(SUM(CASE WHEN outcome = 'ok' THEN 1 ELSE 0 END), 0) AS ok,
                       COALESCE(SUM(CASE WHEN free = 1 THEN prompt_tokens + completion_tokens ELSE 0 END), 0) AS free_tokens,
                       COALESCE(SUM(CASE WHEN free = 1 THEN 1 ELSE 0 END), 0) AS free_requests, COALESCE(SUM(cost_usd), 0) AS cost_usd
                FROM requests WHERE started_at >= ? AND provider IS NOT NULL GROUP BY provider ORDER BY provider""",
                LedgerTime.format(since));
    }

    /** The latest requests, newest first, with their decision's explanation and any justification. */
    public synchronized List<Map<String, Object>> recent(int limit) throws SQLException {
        return rows("SELECT started_at, decision_id, task, complexity, route, model, provider, free, outcome, http_status, "
                + "cost_usd, latency_ms, justification, decision, " + coder() + " AS coder, "
                + "(SELECT COUNT(*) FROM attempts a WHERE a.request_id = r.id) AS attempts "
                + "FROM requests r ORDER BY id DESC LIMIT " + limit);
    }

    /** The ledger records the coder once coders are recognised; until then every row is from an unknown coder. */
    private String coder() throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, null, "requests", "coder")) {
            return columns.next() ? "COALESCE(coder, 'unknown')" : "'unknown'";
        }
    }

    private List<Map<String, Object>> rows(String sql, String... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = query.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Every paid request from {@code since} on: what the budgets count at start-up. */
    public synchronized List<PastSpend> paidSince(Instant since) throws SQLException {
        List<PastSpend> spent = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT started_at, cost_usd, profile, key_name, team, model FROM requests WHERE started_at >= ? AND cost_usd > 0")) {
            query.setString(1, LedgerTime.format(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    List<BudgetScope> scopes = new ArrayList<>(3);
                    scopes.add(BudgetScope.profile(rows.getString(3)));
                    if (rows.getString(4) != null) {
                        scopes.add(BudgetScope.key(rows.getString(4)));
                    }
                    if (rows.getString(5) != null) {
                        scopes.add(BudgetScope.team(rows.getString(5)));
                    }
                    spent.add(new PastSpend(Instant.parse(rows.getString(1)), rows.getString(6), BigDecimal.valueOf(rows.getDouble(2)),
                            scopes));
                }
            }
        }
        return spent;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
