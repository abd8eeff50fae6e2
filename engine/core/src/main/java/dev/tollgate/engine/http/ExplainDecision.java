package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.DecisionLog;
import dev.tollgate.engine.policy.DecisionReport;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET /admin/api/decisions/{id}}: why a recent request went where it went (the id of {@code x-tollgate-decision}). */
public final class ExplainDecision implements Processor {
    private final DecisionLog decisions;

    public ExplainDecision(DecisionLog decisions) {
        this.decisions = decisions;
    }

    @Override
    public void process(Exchange exchange) throws ApiError {
        String id = exchange.getMessage().getHeader("id", String.class);
        Decision decision = decisions.find(id).orElseThrow(() -> new ApiError(404, "invalid_request_error", "decision_not_found",
                "id", "no recent decision '" + id + "': only the latest are kept, and not across restarts", null));
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(DecisionReport.toMap(decision)));
    }
}
