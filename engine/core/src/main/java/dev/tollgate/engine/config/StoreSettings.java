package dev.tollgate.engine.config;

/**
 * The {@code store} section: where the ledger lives and how it is written.
 *
 * @param url             a JDBC URL ({@code jdbc:postgresql://…} for a ledger several instances share, or
 *                        {@code jdbc:sqlite:…}); {@code null} for the SQLite file {@code gateway.ledger}
 * @param user            the database user, or {@code null}
 * @param passwordEnv     the environment (or .env) variable holding the database password, or {@code null}
 * @param schema          the PostgreSQL schema to keep the tables in (created when missing), or {@code null} for the default
 * @param flushIntervalMs how long ledger rows may wait in memory before they are written, in one transaction per batch;
 *                        after a crash at most this much is missing
 */
public record StoreSettings(String url, String user, String passwordEnv, String schema, int flushIntervalMs) {

    /** The settings used for every key the {@code store} section leaves out. */
    public static StoreSettings defaults() {
        return new StoreSettings(null, null, null, null, 1000);
    }
}
