package dev.tollgate.engine.ledger;

import dev.tollgate.engine.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger contract on the default database, an SQLite file. */
class SqliteLedgerTest extends LedgerContract {
    @TempDir
    Path folder;

    @Override
    LedgerDatabase database() {
        return LedgerDatabase.sqlite(folder.resolve("ledger.db"));
    }

    @Override
    TestGateway gateway(TestGateway gateway) {
        return gateway;
    }

    @Override
    List<Map<String, Object>> query(String sql) throws Exception {
        return TestGateway.query(DriverManager.getConnection(database().url()), sql);
    }

    @Test
    void reopensAnExistingLedgerKeepingItsRows() throws Exception {
        try (Ledger ledger = Ledger.open(database())) {
            ledger.write(List.of(entry("dec-old", BigDecimal.ONE, List.of())));
        }
        try (Ledger reopened = Ledger.open(database())) {
            reopened.write(List.of(entry("dec-new", BigDecimal.ONE, List.of())));
        }
        assertThat(query("SELECT decision_id FROM requests ORDER BY id")).extracting(r -> r.get("decision_id"))
                .containsExactly("dec-old", "dec-new");
        assertThat(query("SELECT version FROM flyway_schema_history WHERE version = '1'")).hasSize(1);
    }
}
