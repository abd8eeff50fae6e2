package dev.tollgate.engine.http;

import dev.tollgate.engine.ledger.LedgerDatabase;
import dev.tollgate.engine.ledger.UsageReport;
import dev.tollgate.engine.policy.PolicySnapshot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.sql.Connection;
import java.time.Instant;

/** {@code GET /admin/api/usage?period=month&by=model}: the JSON of {@code tollgate report --json}. */
public final class ReportUsage implements Processor {
    private final LedgerDatabase database;

    public ReportUsage(LedgerDatabase database) {
        this.database = database;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        String period = exchange.getMessage().getHeader("period", "month", String.class);
        String by = exchange.getMessage().getHeader("by", "model", String.class);
        try (Connection db = database.connect()) {
            JsonReply.write(exchange.getMessage(), 200, WireJson.write(
                    UsageReport.build(db, period, by, Instant.now(), policy.config().budgets().zoneId())));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("invalid_parameter", "period/by", e.getMessage());
        }
    }
}
