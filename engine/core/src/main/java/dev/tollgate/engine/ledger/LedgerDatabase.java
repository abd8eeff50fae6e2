package dev.tollgate.engine.ledger;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.StoreSettings;
import dev.tollgate.engine.config.TollgateConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the ledger is and how to reach it: the SQLite file {@code gateway.ledger} by default, or the
 * database {@code store.url} names (PostgreSQL, shared by several gateway instances).
 *
 * @param schema the PostgreSQL schema, or {@code null}
 */
public record LedgerDatabase(String url, String user, String password, String schema) {

    public static LedgerDatabase of(TollgateConfig config, Path home, SecretSource secrets) throws IOException {
        StoreSettings store = config.store();
        if (store.url() == null) {
            Path file = home.resolve(config.gateway().ledger()).toAbsolutePath();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return sqlite(file);
        }
        String password = store.passwordEnv() == null ? null
                : secrets.key(store.passwordEnv()).map(key -> key.reveal()).orElse(null);
        return new LedgerDatabase(store.url(), store.user(), password, store.schema());
    }

    public static LedgerDatabase sqlite(Path file) {
        return new LedgerDatabase("jdbc:sqlite:" + file.toAbsolutePath(), null, null, null);
    }

    public boolean postgresql() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The migrations: the first, in this database's dialect, then the shared ones. */
    String[] migrations() {
        return new String[] {postgresql() ? "classpath:db/dialect/postgresql" : "classpath:db/dialect/sqlite",
                "classpath:db/ledger"};
    }

    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        if (schema != null) {
            connection.setSchema(schema);
        }
        if (!postgresql()) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA busy_timeout=5000");
            }
        }
        return connection;
    }

    /** The URL without credentials, for messages. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)) + (schema == null ? "" : " (schema " + schema + ")");
    }
}
