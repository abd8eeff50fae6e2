package dev.tollgate.engine.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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

    /** Opens the ledger file {@link Ledger#open} created and migrated. */
    public static LedgerQueries open(Path file) throws SQLException {
        return new LedgerQueries(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    /** What was spent from {@code since} on, in US dollars. */
    public synchronized double spentSince(Instant since) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(SUM(cost_usd), 0) FROM requests WHERE started_at >= ?")) {
            query.setString(1, since.toString());
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
