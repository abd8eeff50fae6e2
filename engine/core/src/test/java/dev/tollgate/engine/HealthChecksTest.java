package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health checks list each provider's models every {@code health-check-seconds}: a provider that
 * fails is left out of routing (and of {@code /v1/models}) until it passes again; local servers
 * are found at start-up, their models listed as free, and one that does not answer is named.
 */
class HealthChecksTest {
    private static final Model GROQ = Model.free("groq/llama", 0.9);
    private static final Model BACKUP = Model.free("openai/backup", 0.5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestGateway gateway = new TestGateway().model(GROQ).model(BACKUP);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private void models(String provider, int status, String body) {
        gateway.wireMock().stubFor(get(urlEqualTo("/" + provider + "/v1/models")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String listing(String... ids) {
        List<String> data = new ArrayList<>();
        for (String id : ids) {
            data.add("{\"id\": \"" + id + "\", \"object\": \"model\", \"created\": 1, \"owned_by\": \"library\"}");
        }
        return "{\"object\": \"list\", \"data\": [" + String.join(", ", data) + "]}";
    }

    @Test
    void findsLocalServersAndTakesAFailingProviderOutOfRouting() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String base = gateway.wireMock().baseUrl();
        gateway.configFile("gateway.yaml", """
                gateway:
                  ledger: data/ledger.db
                  upstream-timeout-seconds: 5
                  health-check-seconds: 1
                profile: FREE
                """).configFile("providers.yaml", """
                providers:
                  groq:
                    plugin: openai-compatible
                    base-url: %1$s/groq/v1
                    api-key-env: KEY_GROQ
                  openai:
                    plugin: openai-compatible
                    base-url: %1$s/openai/v1
                    api-key-env: KEY_OPENAI
                  ollama:
                    plugin: openai-compatible
                    base-url: %1$s/ollama/v1
                  vllm:
                    plugin: openai-compatible
                    base-url: http://127.0.0.1:%2$d/v1
                """.formatted(base, closedPort));
        models("groq", 200, listing("llama-upstream"));
        models("openai", 200, listing("backup-upstream"));
        models("ollama", 200, listing("llama3.2:3b", "qwen2.5-coder:7b"));
        gateway.upstreams().answers(GROQ, "from groq", 10, 5);
        gateway.upstreams().answers(BACKUP, "from the backup", 10, 5);
        gateway.start();

        JsonNode listed = JSON.readTree(gateway.get("/v1/models").body());
        assertThat(ids(listed)).contains("auto", "groq/llama", "openai/backup", "ollama/llama3.2:3b", "ollama/qwen2.5-coder:7b")
                .noneMatch(id -> id.startsWith("vllm/"));
        assertThat(entry(listed, "ollama/llama3.2:3b").path("free").asBoolean()).isTrue();
        JsonNode health = JSON.readTree(gateway.get("/health").body()).path("providers");
        assertThat(health.path("vllm").asText()).contains("no server answers at http://127.0.0.1:" + closedPort);
        assertThat(health.path("ollama").asText()).isEqualTo("ready");

        models("groq", 503, "{\"error\": {\"message\": \"Service Unavailable\", \"type\": \"server_error\"}}");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ids(JSON.readTree(gateway.get("/v1/models").body())).contains("groq/llama") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ids(JSON.readTree(gateway.get("/v1/models").body()))).doesNotContain("groq/llama").contains("openai/backup");
        assertThat(JSON.readTree(gateway.get("/health").body()).path("providers").path("groq").asText())
                .contains("failed its health check").contains("503");

        HttpResponse<String> served = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-tollgate-provider")).hasValue("openai");
        assertThat(gateway.upstreams().calls(GROQ)).isZero();
    }

    private static List<String> ids(JsonNode models) {
        List<String> ids = new ArrayList<>();
        models.path("data").forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }

    private static JsonNode entry(JsonNode models, String id) {
        for (JsonNode model : models.path("data")) {
            if (model.path("id").asText().equals(id)) {
                return model;
            }
        }
        throw new AssertionError(id + " not listed: " + models);
    }
}
