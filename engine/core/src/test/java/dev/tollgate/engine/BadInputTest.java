package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input gets an OpenAI-shaped error that says what to fix, and nothing is recorded as a success. */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL).maxBodyBytes(4096);

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        gateway.upstreams().answers(MODEL, "never", 1, 1);
    }

    @AfterEach
    void stopAndCheckNothingWasServed() throws Exception {
        try {
            assertThat(gateway.upstreams().calls(MODEL)).as("no bad request reaches an upstream").isZero();
            assertThat(gateway.query("SELECT * FROM requests WHERE outcome = 'ok'")).isEmpty();
        } finally {
            gateway.close();
        }
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.has("type")).isTrue();
        return error;
    }

    @Test
    void malformedJsonIsA400SayingWhere() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", "{\"model\": \"auto\", \"messages\": [}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("code").asText()).isEqualTo("invalid_json");
        assertThat(error.get("message").asText()).contains("not valid JSON", "line 1, column");
    }

    @Test
    void missingMessagesIsA400NamingTheField() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", "{\"model\": \"auto\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.get("param").asText()).isEqualTo("messages");
        assertThat(error.get("message").asText()).contains("'messages' is required");
    }

    @Test
    void aMessageWithoutARoleIsA400() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", "{\"messages\": [{\"content\": \"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("param").asText()).isEqualTo("messages[0]");
    }

    @Test
    void aFieldOfTheWrongTypeIsA400NamingIt() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": \"lots\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("param").asText()).isEqualTo("max_tokens");
    }

    @Test
    void anUnknownModelIsA404ListingTheKnownOnes() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", TestGateway.chat("gpt-7-ultra", false));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = error(response);
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("message").asText()).contains("'gpt-7-ultra' is not in the catalog", "auto", "groq/llama");
    }

    @Test
    void aBodyOverTheLimitIsA413InTheSameShape() throws Exception {
        String huge = "x".repeat(8192);
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                "{\"model\": \"auto\", \"messages\": [{\"role\": \"user\", \"content\": \"" + huge + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = error(response);
        assertThat(error.get("code").asText()).isEqualTo("request_too_large");
        assertThat(error.get("message").asText()).contains("4096 bytes", "gateway.max-body-bytes");
    }
}
