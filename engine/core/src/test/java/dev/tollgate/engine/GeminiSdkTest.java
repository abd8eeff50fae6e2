package dev.tollgate.engine;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Google Gen AI Java SDK, pointed at the gateway (its base URL, the gateway key as its
 * API key, sent as x-goog-api-key), works unchanged while the routed upstream speaks OpenAI Chat
 * Completions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeminiSdkTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL).gatewayKey("laptop", "profile: FREE");
    private Client client;

    @BeforeAll
    void start() throws Exception {
        gateway.start();
        client = Client.builder().apiKey(TestGateway.gatewayKeyValue("laptop"))
                .httpOptions(HttpOptions.builder().baseUrl(gateway.baseUri().toString()).build()).build();
    }

    /** Each test stubs the upstream anew and reads only its own calls. */
    @BeforeEach
    void resetUpstream() {
        gateway.upstreams().reset();
    }

    @AfterAll
    void stop() throws Exception {
        client.close();
        gateway.close();
    }

    private static GenerateContentConfig weatherTools() {
        return GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText("You answer questions about the weather.")))
                .maxOutputTokens(1024)
                .tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder().name("get_weather")
                        .description("Current weather of a city")
                        .parameters(Schema.builder().type(Type.Known.OBJECT)
                                .properties(Map.of("city", Schema.builder().type(Type.Known.STRING).build()))
                                .required("city").build())
                        .build()))
                .build();
    }

    @Test
    void streamsAGenerateContentCallWithAFunctionCall() {
        gateway.upstreams().streamsToolCall(MODEL, "Let me check.", "get_weather", List.of("{\"ci", "ty\": \"Lis", "bon\"}"),
                31, 12);

        StringBuilder text = new StringBuilder();
        List<FunctionCall> calls = new ArrayList<>();
        GenerateContentResponse last = null;
        try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream("auto",
                "What is the weather in Lisbon?", weatherTools())) {
            for (GenerateContentResponse chunk : stream) {
                if (chunk.text() != null) {
                    text.append(chunk.text());
                }
                if (chunk.functionCalls() != null) {
                    calls.addAll(chunk.functionCalls());
                }
                last = chunk;
            }
        }

        assertThat(text.toString()).isEqualTo("Let me check.");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).name()).hasValue("get_weather");
        assertThat(calls.get(0).id()).hasValue("call_Xk29");
        assertThat(calls.get(0).args()).hasValue(Map.of("city", "Lisbon"));
        assertThat(last.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        GenerateContentResponseUsageMetadata usage = last.usageMetadata().orElseThrow();
        assertThat(usage.promptTokenCount()).hasValue(31);
        assertThat(usage.candidatesTokenCount()).hasValue(12);
        // The upstream got the request in its own format: the tool as an OpenAI function, the system prompt first.
        String upstreamBody = gateway.upstreams().bodies(MODEL).get(0);
        assertThat(upstreamBody).contains("\"type\":\"function\"", "\"name\":\"get_weather\"",
                "\"role\":\"system\",\"content\":\"You answer questions about the weather.\"", "\"stream\":true");
    }

    @Test
    void getsAnAnswerAndCountsTokens() {
        gateway.upstreams().answers(MODEL, "Tolls at the gate", 12, 4);

        GenerateContentResponse answer = client.models.generateContent("auto", "Write a haiku about tolls.", null);
        int tokens = client.models.countTokens("auto", "Write a haiku about tolls.", null).totalTokens().orElseThrow();

        assertThat(answer.text()).isEqualTo("Tolls at the gate");
        assertThat(answer.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(answer.usageMetadata().orElseThrow().totalTokenCount()).hasValue(16);
        assertThat(tokens).isPositive();
        assertThat(gateway.upstreams().calls(MODEL)).isEqualTo(1);
    }
}
