package dev.tollgate.engine.ledger;

import dev.tollgate.engine.TestDatabase;
import dev.tollgate.engine.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;

/** The ledger contract on the real PostgreSQL at 127.0.0.1:5432, each test in a schema of its own. */
class PostgresLedgerTest extends LedgerContract {
    private TestDatabase postgres;

    @BeforeEach
    void createSchema() {
        postgres = TestDatabase.postgresql();
    }

    @AfterEach
    void dropSchema() throws Exception {
        postgres.close();
    }

    @Override
    LedgerDatabase database() {
        return new LedgerDatabase(TestDatabase.URL, TestDatabase.USER, null, postgres.schema());
    }

    @Override
    TestGateway gateway(TestGateway gateway) {
        return gateway.ledgerIn(postgres);
    }

    @Override
    List<Map<String, Object>> query(String sql) throws Exception {
        return postgres.query(sql);
    }
}
