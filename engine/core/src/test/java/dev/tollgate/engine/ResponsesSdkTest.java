package dev.tollgate.engine;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official OpenAI Java SDK's Responses API, pointed at the gateway's {@code /v1/responses},
 * works unchanged while the routed upstream speaks Chat Completions.
 */
class ResponsesSdkTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL);
    private OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUri() + "/v1").apiKey("tollgate-local").build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gateway.close();
    }

    private static ResponseCreateParams weatherQuestion() {
        return ResponseCreateParams.builder().model("auto")
                .instructions("You answer questions about the weather.")
                .input("What is the weather in Lisbon?")
                .addTool(FunctionTool.builder().name("get_weather").description("Current weather of a city").strict(false)
                        .parameters(FunctionTool.Parameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
    }

    @Test
    void streamsAResponseWithAFunctionCall() {
        gateway.upstreams().streamsToolCall(MODEL, "Let me check.", "get_weather", List.of("{\"ci", "ty\": \"Lis", "bon\"}"),
                31, 12);

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(weatherQuestion())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Response response = accumulator.response();

        assertThat(response.output()).hasSize(2);
        assertThat(response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text())
                .isEqualTo("Let me check.");
        ResponseFunctionToolCall call = response.output().get(1).functionCall().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("call_Xk29");
        assertThat(call.arguments()).isEqualTo("{\"city\": \"Lisbon\"}");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(31);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(12);
        String upstreamBody = gateway.upstreams().bodies(MODEL).get(0);
        assertThat(upstreamBody).contains("\"type\":\"function\"", "\"name\":\"get_weather\"",
                "\"role\":\"system\",\"content\":\"You answer questions about the weather.\"");
    }

    @Test
    void getsAResponseWithAFunctionCall() {
        gateway.upstreams().answersToolCall(MODEL, "get_weather", "{\"city\": \"Lisbon\"}", 31, 9);

        Response response = client.responses().create(weatherQuestion());

        ResponseFunctionToolCall call = response.output().get(0).functionCall().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo("{\"city\": \"Lisbon\"}");
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(40);
    }
}
