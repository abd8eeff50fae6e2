package dev.tollgate.engine.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

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

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
