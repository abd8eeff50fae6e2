package dev.tollgate.engine.http;

import dev.tollgate.engine.workflow.RunReport;
import dev.tollgate.engine.workflow.Workflows;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.function.Supplier;

/** {@code GET /admin/api/workflows/runs/{id}}: a run's report, its status so far while it runs. */
public final class ReportWorkflowRun implements Processor {
    private final Supplier<Workflows> workflows;

    public ReportWorkflowRun(Supplier<Workflows> workflows) {
        this.workflows = workflows;
    }

    @Override
    public void process(Exchange exchange) throws ApiError {
        String id = exchange.getMessage().getHeader("id", String.class);
        RunReport report = workflows.get().report(id).orElseThrow(() -> new ApiError(404, "invalid_request_error",
                "run_not_found", "id", "no run '" + id + "' since this gateway started; finished runs are kept in data/runs/"
                + id + "/report.json", null));
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(report));
    }
}
