package dev.tollgate.engine.ledger;

import dev.tollgate.engine.routing.Attempt;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/** The cost ledger: an SQLite file whose schema Flyway keeps current. Writes are serialised. */
public final class Ledger implements AutoCloseable {
    private static final String INSERT_REQUEST = """
            INSERT INTO requests (decision_id, started_at, profile, key_name, team, requested_model, task, complexity,
                route, strategy, experiment_arm, model, provider, free, prompt_tokens, completion_tokens,
                usage_estimated, cost_usd, outcome, http_status, latency_ms, stream, justification, decision, error, coder)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO attempts (request_id, seq, model, provider, outcome, http_status, latency_ms, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Connection connection;

    private Ledger(Connection connection) {
        this.connection = connection;
    }

    public static Ledger open(Path file) throws IOException, SQLException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/ledger").load().migrate();
        Connection connection = DriverManager.getConnection(url);
        try (Statement pragma = connection.createStatement()) {
            pragma.execute("PRAGMA journal_mode=WAL");
            pragma.execute("PRAGMA busy_timeout=5000");
        }
        connection.setAutoCommit(false);
        return new Ledger(connection);
    }

    public synchronized void record(LedgerEntry entry) throws SQLException {
        try {
            long requestId;
            try (PreparedStatement insert = connection.prepareStatement(INSERT_REQUEST, Statement.RETURN_GENERATED_KEYS)) {
                int i = 0;
                insert.setString(++i, entry.decisionId());
                insert.setString(++i, entry.startedAt().toString());
                insert.setString(++i, entry.profile());
                insert.setString(++i, entry.keyName());
                insert.setString(++i, entry.team());
                insert.setString(++i, entry.requestedModel());
                insert.setString(++i, entry.task());
                insert.setString(++i, entry.complexity());
                insert.setString(++i, entry.route());
                insert.setString(++i, entry.strategy());
                insert.setString(++i, entry.experimentArm());
                insert.setString(++i, entry.model());
                insert.setString(++i, entry.provider());
                if (entry.free() == null) {
                    insert.setNull(++i, Types.INTEGER);
                } else {
                    insert.setInt(++i, entry.free() ? 1 : 0);
                }
                insert.setLong(++i, entry.promptTokens());
                insert.setLong(++i, entry.completionTokens());
                insert.setInt(++i, entry.usageEstimated() ? 1 : 0);
                insert.setBigDecimal(++i, entry.costUsd());
                insert.setString(++i, entry.outcome());
                insert.setInt(++i, entry.httpStatus());
                insert.setLong(++i, entry.latencyMs());
                insert.setInt(++i, entry.stream() ? 1 : 0);
                insert.setString(++i, entry.justification());
                insert.setString(++i, entry.decision());
                insert.setString(++i, entry.error());
                insert.setString(++i, entry.coder());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    requestId = keys.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ATTEMPT)) {
                int seq = 0;
                for (Attempt attempt : entry.attempts()) {
                    insert.setLong(1, requestId);
                    insert.setInt(2, ++seq);
                    insert.setString(3, attempt.model());
                    insert.setString(4, attempt.provider());
                    insert.setString(5, attempt.outcome());
                    insert.setInt(6, attempt.httpStatus());
                    insert.setLong(7, attempt.latencyMs());
                    insert.setString(8, attempt.message());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
