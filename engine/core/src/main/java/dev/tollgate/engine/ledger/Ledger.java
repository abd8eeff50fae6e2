package dev.tollgate.engine.ledger;

import dev.tollgate.engine.routing.Attempt;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * The cost ledger: an SQLite file or a PostgreSQL database whose schema Flyway keeps current.
 * Rows are written in batches, each batch in one transaction, so that a crash leaves whole
 * requests or none. Writes are serialised; reads open connections of their own.
 */
public final class Ledger implements AutoCloseable {
    private static final String INSERT_REQUEST = """
            INSERT INTO requests (decision_id, started_at, profile, key_name, team, requested_model, task, complexity,
                route, strategy, experiment_arm, model, provider, free, prompt_tokens, completion_tokens,
                cached_input_tokens, usage_estimated, cost_usd, outcome, http_status, latency_ms, ttft_ms, stream,
                justification, decision, rules_fired, error, escalation_trigger, escalation, escalation_denied, budget,
                reference_model, would_have_cost_usd, saved_usd, coder)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO attempts (request_id, seq, model, provider, outcome, http_status, latency_ms, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final LedgerDatabase database;
    private final Connection connection;

    private Ledger(LedgerDatabase database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    public static Ledger open(LedgerDatabase database) throws SQLException {
        FluentConfiguration flyway = Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations(database.migrations())
                // Other issues' migrations land in any order of version numbers.
                .outOfOrder(true);
        if (database.schema() != null) {
            flyway.schemas(database.schema());
        }
        flyway.load().migrate();
        Connection connection = database.connect();
        if (!database.postgresql()) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA journal_mode=WAL");
                // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last committed batch, as it loses
                // the rows LedgerWriter still holds in memory. FULL synced the log on every batch's commit.
                pragma.execute("PRAGMA synchronous=NORMAL");
            }
        }
        connection.setAutoCommit(false);
        return new Ledger(database, connection);
    }

    public LedgerDatabase database() {
        return database;
    }

    /** A connection of its own for reading (reports, budgets at start-up); the caller closes it. */
    public Connection read() throws SQLException {
        return database.connect();
    }

    /** Writes every entry, or none: one transaction. */
    public synchronized void write(List<LedgerEntry> entries) throws SQLException {
        try (PreparedStatement requests = connection.prepareStatement(INSERT_REQUEST, Statement.RETURN_GENERATED_KEYS);
             PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT)) {
            for (LedgerEntry entry : entries) {
                long requestId = insert(requests, entry);
                int seq = 0;
                for (Attempt attempt : entry.attempts()) {
                    attempts.setLong(1, requestId);
                    attempts.setInt(2, ++seq);
                    attempts.setString(3, attempt.model());
                    attempts.setString(4, attempt.provider());
                    attempts.setString(5, attempt.outcome());
                    attempts.setInt(6, attempt.httpStatus());
                    attempts.setLong(7, attempt.latencyMs());
                    attempts.setString(8, attempt.message());
                    attempts.addBatch();
                }
            }
            attempts.executeBatch();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** @return the request's row id */
    private static long insert(PreparedStatement insert, LedgerEntry entry) throws SQLException {
        LedgerEntry.Spend spend = entry.spend();
        int i = 0;
        insert.setString(++i, entry.decisionId());
        insert.setString(++i, LedgerTime.format(entry.startedAt()));
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
        insert.setLong(++i, entry.cachedInputTokens());
        insert.setInt(++i, entry.usageEstimated() ? 1 : 0);
        insert.setDouble(++i, usd(entry.costUsd()));
        insert.setString(++i, entry.outcome());
        insert.setInt(++i, entry.httpStatus());
        insert.setLong(++i, entry.latencyMs());
        if (entry.ttftMs() == null) {
            insert.setNull(++i, Types.BIGINT);
        } else {
            insert.setLong(++i, entry.ttftMs());
        }
        insert.setInt(++i, entry.stream() ? 1 : 0);
        insert.setString(++i, entry.justification());
        insert.setString(++i, entry.decision());
        insert.setString(++i, entry.rulesFired());
        insert.setString(++i, entry.error());
        insert.setString(++i, spend.escalationTrigger());
        insert.setString(++i, spend.escalation());
        insert.setInt(++i, spend.escalationDenied() ? 1 : 0);
        insert.setString(++i, spend.budget());
        insert.setString(++i, spend.referenceModel());
        insert.setDouble(++i, usd(spend.wouldHaveCostUsd()));
        insert.setDouble(++i, usd(spend.savedUsd()));
        insert.setString(++i, entry.coder());
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static double usd(BigDecimal amount) {
        return amount == null ? 0 : amount.doubleValue();
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
