package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The sections about money and the ledger (store, budgets, alerts, escalation, savings): read, defaulted, checked. */
class SpendSectionsTest {
    @TempDir
    Path dir;

    private ConfigDirectory config() {
        return ConfigDirectory.withProviders(dir).withOneModel();
    }

    @Test
    void theLedgerIsAnSqliteFileFlushedEverySecondUnlessStoreSaysOtherwise() throws ConfigException {
        assertThat(config().load().store()).isEqualTo(StoreSettings.defaults());
        assertThat(StoreSettings.defaults().flushIntervalMs()).isEqualTo(1000);
        StoreSettings store = config().file("store.yaml", """
                store:
                  url: jdbc:postgresql://db.internal:5432/tollgate
                  user: tollgate
                  password-env: TOLLGATE_DB_PASSWORD
                  flush-interval-ms: 250
                """).load().store();
        assertThat(store).isEqualTo(new StoreSettings("jdbc:postgresql://db.internal:5432/tollgate", "tollgate",
                "TOLLGATE_DB_PASSWORD", null, 250));
    }

    @Test
    void aStoreThatIsNeitherPostgresqlNorSqliteIsNamedAtItsPlace() {
        assertThat(config().file("store.yaml", """
                store:
                  url: jdbc:mysql://db/tollgate
                  flush-interval-ms: 0
                """).problems()).containsExactly(
                "store.yaml:2:8: 'url' must be a jdbc:postgresql: or jdbc:sqlite: URL, got \"jdbc:mysql://db/tollgate\"",
                "store.yaml:3:22: 'flush-interval-ms' must be greater than 0, got 0");
    }
}
