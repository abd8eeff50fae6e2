package dev.tollgate.engine.ledger;

import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import dev.tollgate.engine.routing.Attempt;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every ledger database must do; run against SQLite and against PostgreSQL by the subclasses. */
abstract class LedgerContract {

    /** The database under test, with its schema migrated by {@link Ledger#open}. */
    abstract LedgerDatabase database() throws Exception;

    /** A gateway whose ledger is in the database under test. */
    abstract TestGateway gateway(TestGateway gateway);

    abstract List<Map<String, Object>> query(String sql) throws Exception;

    static LedgerEntry entry(String id, BigDecimal cost, List<Attempt> attempts) {
        return new LedgerEntry(id, Instant.parse("2026-11-23T10:15:30.125Z"), "CAREFUL", "laptop", "platform", "auto",
                "coding", "complex", "coding", "capability-score", null, "paid/best", "paid", false, 1200, 300, 400,
                false, cost, "ok", 200, 840, 95L, true, "no free model reaches the bar", "decision text",
                "[\"CAREFUL pays\"]", null,
                new LedgerEntry.Spend("quality_gate", "{\"trigger\":\"quality_gate\"}", false, null, "paid/best",
                        new BigDecimal("0.01"), new BigDecimal("0.004")), attempts, "aider");
    }

    @Test
    void keepsEveryColumnOfARequestAndItsAttempts() throws Exception {
        try (Ledger ledger = Ledger.open(database())) {
            ledger.write(List.of(entry("dec-1", new BigDecimal("0.006"), List.of(
                    new Attempt("free/first", "free", "quality_gate", 200, "empty answer", 120),
                    new Attempt("paid/best", "paid", "ok", 200, null, 700)))));
        }
        Map<String, Object> row = query("SELECT * FROM requests").get(0);
        assertThat(row).containsEntry("decision_id", "dec-1").containsEntry("started_at", "2026-11-23T10:15:30.125Z")
                .containsEntry("key_name", "laptop").containsEntry("team", "platform")
                .containsEntry("escalation_trigger", "quality_gate").containsEntry("reference_model", "paid/best")
                .containsEntry("coder", "aider");
        assertThat(((Number) row.get("cached_input_tokens")).longValue()).isEqualTo(400);
        assertThat(((Number) row.get("ttft_ms")).longValue()).isEqualTo(95);
        assertThat(((Number) row.get("cost_usd")).doubleValue()).isEqualTo(0.006);
        assertThat(((Number) row.get("saved_usd")).doubleValue()).isEqualTo(0.004);
        List<Map<String, Object>> attempts = query("SELECT * FROM attempts ORDER BY seq");
        assertThat(attempts).extracting(a -> a.get("outcome")).containsExactly("quality_gate", "ok");
        assertThat(attempts).allSatisfy(a -> assertThat(a.get("request_id")).isEqualTo(row.get("id")));
    }

    @Test
    void theDashboardsQueriesAddUpTheRows() throws Exception {
        LedgerEntry free = new LedgerEntry("dec-free", Instant.parse("2026-11-23T10:16:00Z"), "CAREFUL", "laptop", null,
                "auto", "chat", "simple", "chat", "priority", null, "free/first", "free", true, 100, 20, 0, false,
                BigDecimal.ZERO, "ok", 200, 90, null, false, null, "decision text", "[]", null, null,
                List.of(new Attempt("free/first", "free", "ok", 200, null, 90)), "cline");
        try (Ledger ledger = Ledger.open(database())) {
            ledger.write(List.of(entry("dec-paid", new BigDecimal("0.006"), List.of(
                    new Attempt("free/first", "free", "quality_gate", 200, "empty answer", 120),
                    new Attempt("paid/best", "paid", "ok", 200, null, 700))), free));
        }
        try (LedgerQueries queries = LedgerQueries.open(database())) {
            Instant since = Instant.parse("2026-11-23T00:00:00Z");
            Map<String, Object> totals = queries.totals(since);
            assertThat(totals).extractingByKeys("requests", "ok", "fell_back", "free_requests", "paid_requests", "escalated")
                    .map(n -> ((Number) n).longValue()).containsExactly(2L, 2L, 1L, 1L, 1L, 1L);
            assertThat(((Number) totals.get("cost_usd")).doubleValue()).isEqualTo(0.006);
            assertThat(queries.byProvider(since)).extracting(r -> r.get("provider")).containsExactly("free", "paid");
            assertThat(queries.series(since, 13)).extracting(r -> r.get("coder")).containsExactlyInAnyOrder("aider", "cline");
            assertThat(queries.recent(5)).extracting(r -> r.get("decision_id")).containsExactly("dec-free", "dec-paid");
            assertThat(queries.spentSince(since)).isEqualTo(0.006);
        }
    }

    @Test
    void writesABatchWholeOrNotAtAll() throws Exception {
        try (Ledger ledger = Ledger.open(database())) {
            List<Attempt> one = List.of(new Attempt("paid/best", "paid", "ok", 200, null, 700));
            // The second row repeats the first's decision id: the database refuses it, and with it the whole batch.
            assertThatThrownBy(() -> ledger.write(List.of(entry("dec-a", BigDecimal.ONE, one), entry("dec-b", BigDecimal.ONE, one),
                    entry("dec-a", BigDecimal.ONE, one)))).isInstanceOf(SQLException.class);
            assertThat(query("SELECT * FROM requests")).isEmpty();
            assertThat(query("SELECT * FROM attempts")).isEmpty();
            ledger.write(List.of(entry("dec-c", BigDecimal.ONE, one)));
        }
        assertThat(query("SELECT decision_id FROM requests")).extracting(r -> r.get("decision_id")).containsExactly("dec-c");
    }

    @Test
    void aNormalShutdownWritesEverythingQueued() throws Exception {
        LedgerWriter writer = new LedgerWriter(Ledger.open(database()), Duration.ofHours(1));
        for (int i = 0; i < 1200; i++) {
            writer.submit(entry("dec-" + i, new BigDecimal("0.001"), List.of(new Attempt("paid/best", "paid", "ok", 200, null, 5))));
        }
        writer.close();
        assertThat(((Number) query("SELECT COUNT(*) AS n FROM requests").get(0).get("n")).intValue()).isEqualTo(1200);
        assertThat(((Number) query("SELECT COUNT(*) AS n FROM attempts").get(0).get("n")).intValue()).isEqualTo(1200);
    }

    @Test
    void queuedRowsReachTheDatabaseWithinTheFlushInterval() throws Exception {
        try (LedgerWriter writer = new LedgerWriter(Ledger.open(database()), Duration.ofMillis(200))) {
            long submitted = System.nanoTime();
            writer.submit(entry("dec-late", BigDecimal.ONE, List.of()));
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rows.isEmpty() && System.nanoTime() - submitted < Duration.ofSeconds(3).toNanos()) {
                Thread.sleep(10);
                rows = query("SELECT decision_id FROM requests");
            }
            long waited = (System.nanoTime() - submitted) / 1_000_000;
            assertThat(rows).hasSize(1);
            assertThat(waited).as("ms until the row was written").isLessThan(200 + 400);
        }
    }

    @Test
    void aServedRequestIsRecordedWithItsCachedTokens() throws Exception {
        Model paid = Model.paid("paid/best", 0.9, "2.50", "10.00");
        try (TestGateway gateway = gateway(new TestGateway().model(paid).profile("UNLIMITED"))) {
            gateway.upstreams().answers(paid, "Tolls", 1000, 200, 600);
            gateway.start();
            HttpResponse<String> answer = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
            assertThat(answer.statusCode()).isEqualTo(200);
            List<Map<String, Object>> rows = gateway.ledger(1);
            assertThat(rows).hasSize(1);
            Map<String, Object> row = rows.get(0);
            assertThat(row).containsEntry("model", "paid/best").containsEntry("outcome", "ok")
                    .containsEntry("decision_id", answer.headers().firstValue("x-tollgate-decision").orElseThrow());
            assertThat(((Number) row.get("cached_input_tokens")).longValue()).isEqualTo(600);
            assertThat(((Number) row.get("cost_usd")).doubleValue()).isEqualTo(0.0045);
            assertThat(String.valueOf(row.get("rules_fired"))).contains("UNLIMITED pays for the best model for the task");
        }
    }
}
