package dev.tollgate.engine.ledger;

import dev.tollgate.engine.budget.BudgetScope;
import dev.tollgate.engine.budget.PastSpend;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ledger for /metrics and the dashboard, on a connection of its own so that reading never
 * waits for the writer (SQLite in WAL mode lets readers and one writer work at once).
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
