package dev.tollgate.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.workflow.RunProgress;
import dev.tollgate.engine.workflow.Workflows;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /admin/api/workflows/{name}/runs} with {@code {"task": "…", "repo": "/path"}}: starts a run in the
 * background and answers 202 with its id and where to follow it.
 */
public final class StartWorkflowRun implements Processor {
    private final Supplier<Workflows> workflows;

    public StartWorkflowRun(Supplier<Workflows> workflows) {
        this.workflows = workflows;
    }

    @Override
    public void process(Exchange exchange) throws ApiError {
        String name = exchange.getMessage().getHeader("name", String.class);
        JsonNode body;
        try {
            String text = exchange.getMessage().getBody(String.class);
            body = WireJson.MAPPER.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (IOException e) {
            throw ApiError.invalidRequest("invalid_json", null, "the body must be JSON: {\"task\": \"…\", \"repo\": \"/path\"}");
        }
        String task = body.path("task").asText(null);
        if (task == null || task.isBlank()) {
            throw ApiError.invalidRequest("missing_task", "task", "a run needs a task: {\"task\": \"…\"}");
        }
        String repo = body.path("repo").asText(null);
        Workflows.Started started;
        try {
            started = workflows.get().start(name, task, repo == null ? null : Path.of(repo), RunProgress.NONE);
        } catch (Workflows.UnknownWorkflow e) {
            throw new ApiError(404, "invalid_request_error", "workflow_not_runnable", "name", e.getMessage(), null);
        } catch (IOException e) {
            throw new ApiError(500, "server_error", "run_not_started", null, "the run could not start: " + e.getMessage(), null);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", started.id());
        answer.put("workflow", name);
        answer.put("status", "running");
        answer.put("report", "/admin/api/workflows/runs/" + started.id());
        JsonReply.write(exchange.getMessage(), 202, WireJson.write(answer));
    }
}
