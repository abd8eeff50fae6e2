package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model FREE = Model.free("groq/llama", 0.6);
    private static final Model PAID = Model.paid("openai/gpt", 0.9, "1.25", "10.00");
    private static final Model KEYLESS = Model.paid("deepseek/chat", 0.99, "0.28", "0.42");

    private final TestGateway gateway = new TestGateway().model(FREE).model(PAID).model(KEYLESS).withoutKeyFor("deepseek");

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void answersWithTheUpstreamsCompletionAndTollgateHeaders() throws Exception {
        gateway.profile("UNLIMITED").start();
        gateway.upstreams().answers(PAID, "Hello", 40, 12);

        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "auto", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
                 "temperature": 0.2, "top_p": 0.9, "user": "dev-1"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello");
        assertThat(body.get("system_fingerprint").asText()).as("unknown fields pass through").isEqualTo("fp_test");
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-tollgate-model")).hasValue("openai/gpt");
        assertThat(response.headers().firstValue("x-tollgate-provider")).hasValue("openai");
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue("0.00017");
        String decision = response.headers().firstValue("x-tollgate-decision").orElseThrow();

        JsonNode sent = JSON.readTree(gateway.upstreams().bodies(PAID).get(0));
        assertThat(sent.get("model").asText()).isEqualTo(PAID.upstream());
        assertThat(sent.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.get("user").asText()).isEqualTo("dev-1");
        assertThat(gateway.upstreams().authorizationHeaders(PAID)).containsExactly("Bearer " + TestGateway.keyOf("openai"));

        Map<String, Object> row = gateway.ledger(1).get(0);
        assertThat(row).containsEntry("decision_id", decision).containsEntry("model", "openai/gpt")
                .containsEntry("provider", "openai").containsEntry("prompt_tokens", 40).containsEntry("completion_tokens", 12)
                .containsEntry("outcome", "ok").containsEntry("http_status", 200).containsEntry("free", 0);
        assertThat(row.get("decision").toString()).contains("deepseek/chat excluded: no API key: set KEY_DEEPSEEK");
    }

    @Test
    void neverEchoesTheClientsHeadersBack() throws Exception {
        gateway.profile("FREE").start();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);

        HttpResponse<String> response = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false),
                Map.of("Authorization", "Bearer client-gateway-key", "X-Custom", "private"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).doesNotContain("authorization", "x-custom");
    }

    @Test
    void aModelCanBePinnedByItsCatalogNameOrItsUpstreamId() throws Exception {
        gateway.profile("UNLIMITED").start();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);

        HttpResponse<String> byName = gateway.post("/v1/chat/completions", TestGateway.chat("groq/llama", false));
        HttpResponse<String> byUpstreamId = gateway.post("/v1/chat/completions", TestGateway.chat(FREE.upstream(), false));

        assertThat(byName.headers().firstValue("x-tollgate-model")).hasValue("groq/llama");
        assertThat(byUpstreamId.headers().firstValue("x-tollgate-model")).hasValue("groq/llama");
        assertThat(gateway.upstreams().calls(PAID)).isZero();
    }

    @Test
    void listsTheAliasesAndTheModelsThatCanBeRouted() throws Exception {
        gateway.start();

        JsonNode models = JSON.readTree(gateway.get("/v1/models").body());
        List<String> ids = models.get("data").findValuesAsText("id");

        assertThat(models.get("object").asText()).isEqualTo("list");
        assertThat(ids).containsExactly("auto", "tollgate/auto", "groq/llama", "openai/gpt");
    }

    @Test
    void healthNamesTheProvidersThatWereSkippedAndWhy() throws Exception {
        gateway.start();

        HttpResponse<String> health = gateway.get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode providers = JSON.readTree(health.body()).get("providers");
        assertThat(providers.get("groq").asText()).isEqualTo("ready");
        assertThat(providers.get("deepseek").asText()).contains("no API key", "KEY_DEEPSEEK");
    }

    @Test
    void anUpstreamAnsweringGarbageIsAFailureNotASuccess() throws Exception {
        gateway.profile("FREE").start();
        gateway.upstreams().fails(FREE, 200, "<html>502 Bad Gateway</html>");

        HttpResponse<String> response = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("groq/llama", "unavailable");
        assertThat(gateway.ledger(1).get(0)).containsEntry("outcome", "failed").containsEntry("http_status", 503);
    }
}
