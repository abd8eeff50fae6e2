package dev.tollgate.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real PostgreSQL on 127.0.0.1:5432 (database {@code test}, trust authentication), one fresh
 * schema per test, dropped at the end. {@code .ci/run} starts PostgreSQL when it is down; outside
 * CI a machine without it skips these tests instead of failing them.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String schema = "tollgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private TestDatabase() {
    }

    /** A fresh schema; skips the test when PostgreSQL is not reachable, except in CI, where it fails. */
    public static TestDatabase postgresql() {
        try (Connection probe = DriverManager.getConnection(URL, USER, null)) {
            return new TestDatabase();
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("PostgreSQL at " + URL + " is needed in CI: " + e.getMessage(), e);
            }
            assumeTrue(false, "PostgreSQL is not running at " + URL + ": " + e.getMessage());
            return null;
        }
    }

    public String schema() {
        return schema;
    }

    /** The {@code store} keys that point a gateway at this schema (the flush interval comes before). */
    String storeYaml() {
        return "  url: " + URL + "\n  user: " + USER + "\n  schema: " + schema + "\n";
    }

    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, null);
        connection.setSchema(schema);
        return connection;
    }

    public List<Map<String, Object>> query(String sql) throws SQLException {
        return TestGateway.query(connect(), sql);
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, null);
             Statement drop = connection.createStatement()) {
            drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
