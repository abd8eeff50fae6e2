package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /admin/api/workflows/{name}/runs} and {@code GET /admin/api/workflows/runs/{id}}: what a caller gets wrong. */
class WorkflowAdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model FREE = Model.free("groq/llama", 0.8);
    private static final String ADMIN_KEY = "tg-admin-5e2b7c19d4";

    private final TestGateway gateway = new TestGateway().model(FREE).configFile("workflows.yaml", """
            workflows:
              ask:
                kind: best-of
                workers:
                  - { name: llama, model: groq/llama }
            """);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    /** One gateway for every case: starting one is the slow part. */
    @Test
    void startsARunAndReportsItRefusingWhatIsWrongAndWhoeverLacksTheAdminKey() throws Exception {
        gateway.env("TOLLGATE_ADMIN_KEY", ADMIN_KEY).start();
        gateway.upstreams().answers(FREE, "Hello", 5, 1);

        assertThat(gateway.post("/admin/api/workflows/ask/runs", "{\"task\": \"hi\"}").statusCode()).isEqualTo(401);

        HttpResponse<String> unknown = admin("/admin/api/workflows/nope/runs", "{\"task\": \"hi\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("message").asText())
                .isEqualTo("no workflow 'nope' (defined: ask)");
        HttpResponse<String> noTask = admin("/admin/api/workflows/ask/runs", "{}");
        assertThat(noTask.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noTask.body()).path("error").path("code").asText()).isEqualTo("missing_task");
        HttpResponse<String> notARepo = admin("/admin/api/workflows/ask/runs",
                JSON.writeValueAsString(Map.of("task", "hi", "repo", gateway.home().toString())));
        assertThat(notARepo.statusCode()).isEqualTo(404);
        assertThat(notARepo.body()).contains("is not a git repository");

        HttpResponse<String> started = admin("/admin/api/workflows/ask/runs", "{\"task\": \"Say hello\"}");

        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(started.body());
        assertThat(body.path("status").asText()).isEqualTo("running");
        JsonNode report;
        long until = System.currentTimeMillis() + 20_000;
        do {
            Thread.sleep(50);
            report = JSON.readTree(get(body.path("report").asText()).body());
        } while ("running".equals(report.path("status").asText()) && System.currentTimeMillis() < until);
        assertThat(report.path("id").asText()).isEqualTo(body.path("id").asText());
        assertThat(report.path("status").asText()).isEqualTo("done");
        assertThat(report.path("winner").asText()).isEqualTo("llama");
        assertThat(report.path("workers").get(0).path("output").asText()).isEqualTo("Hello");
        assertThat(get("/admin/api/workflows/runs/20260101-000000-abcd").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> admin(String path, String body) throws Exception {
        return gateway.post(path, body, Map.of("Authorization", "Bearer " + ADMIN_KEY));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return gateway.http().send(HttpRequest.newBuilder(gateway.baseUri().resolve(path))
                .header("Authorization", "Bearer " + ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
