package dev.tollgate.engine;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Anthropic Java SDK, pointed at the gateway's {@code /v1/messages}, works unchanged
 * while the routed upstream speaks OpenAI Chat Completions.
 */
class AnthropicSdkTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL);
    private AnthropicClient client;

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        client = AnthropicOkHttpClient.builder().baseUrl(gateway.baseUri().toString()).apiKey("tollgate-local").build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        gateway.close();
    }

    private static MessageCreateParams weatherQuestion() {
        return MessageCreateParams.builder().model("auto").maxTokens(1024)
                .system("You answer questions about the weather.")
                .addUserMessage("What is the weather in Lisbon?")
                .addTool(Tool.builder().name("get_weather").description("Current weather of a city")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .required(List.of("city")).build())
                        .build())
                .build();
    }

    @Test
    void streamsAMessageWithAToolCall() {
        gateway.upstreams().streamsToolCall(MODEL, "Let me check.", "get_weather", List.of("{\"ci", "ty\": \"Lis", "bon\"}"),
                31, 12);

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(weatherQuestion())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Let me check.");
        ToolUseBlock call = message.content().get(1).toolUse().orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.id()).isEqualTo("call_Xk29");
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("city", "Lisbon"));
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(31);
        assertThat(message.usage().outputTokens()).isEqualTo(12);
        // The upstream got the request in its own format: the tool as an OpenAI function, the system prompt first.
        String upstreamBody = gateway.upstreams().bodies(MODEL).get(0);
        assertThat(upstreamBody).contains("\"type\":\"function\"", "\"name\":\"get_weather\"",
                "\"role\":\"system\",\"content\":\"You answer questions about the weather.\"");
    }

    @Test
    void getsAMessageWithAToolCall() {
        gateway.upstreams().answersToolCall(MODEL, "get_weather", "{\"city\": \"Lisbon\"}", 31, 9);

        Message message = client.messages().create(weatherQuestion());

        ContentBlock block = message.content().get(0);
        assertThat(block.toolUse().orElseThrow().name()).isEqualTo("get_weather");
        assertThat(block.toolUse().orElseThrow()._input().convert(Map.class)).isEqualTo(Map.of("city", "Lisbon"));
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(message.usage().outputTokens()).isEqualTo(9);
    }

    @Test
    void streamsText() {
        gateway.upstreams().streams(MODEL, List.of("Tolls ", "at ", "the gate"), 12, 3, 0);

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                MessageCreateParams.builder().model("auto").maxTokens(100).addUserMessage("Write a haiku about tolls.").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(accumulator.message().content().get(0).text().orElseThrow().text()).isEqualTo("Tolls at the gate");
        assertThat(accumulator.message().stopReason()).hasValue(StopReason.END_TURN);
    }
}
