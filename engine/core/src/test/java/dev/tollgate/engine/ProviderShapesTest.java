package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official OpenAI Java SDK, pointed at the gateway, sees the same answer — text, parallel tool
 * calls, stream deltas, finish reason, usage — whether the model behind is served by an
 * OpenAI-compatible upstream, Anthropic's Messages API or Google's Gemini API, each stub speaking
 * its provider's own documented wire format.
 */
class ProviderShapesTest {
    private static final Model OPENAI = Model.free("openai/shape", 0.8);
    private static final Model ANTHROPIC = Model.free("anthropic/shape", 0.8);
    private static final Model GEMINI = Model.free("google/shape", 0.8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestGateway gateway;
    private static OpenAIClient client;

    /** What a coder relies on in an answer; ids are checked for presence, since each provider mints its own. */
    record Shape(String role, String text, List<String> toolNames, List<JsonNode> toolArguments, boolean everyCallHasAnId,
                 String finishReason, long promptTokens, long completionTokens, long totalTokens) {
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = new TestGateway().model(OPENAI).model(ANTHROPIC).model(GEMINI)
                .plugin("anthropic", "anthropic").plugin("google", "gemini").start();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUri() + "/v1").apiKey("tollgate-local").build();
        stubOpenAi();
        stubAnthropic();
        stubGemini();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    private static ChatCompletionCreateParams params(Model model) {
        return ChatCompletionCreateParams.builder().model(model.name())
                .addSystemMessage("You are a weather assistant.")
                .addUserMessage("Weather in Oslo and Lima?")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("get_weather").description("Current weather in a city")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                                .build())
                        .build()).build())
                .build();
    }

    @Test
    void aCompletionWithParallelToolCallsHasOneShapeWhateverTheProvider() {
        Shape openai = completionShape(OPENAI);

        assertThat(openai).isEqualTo(new Shape("assistant", "Checking both.", List.of("get_weather", "get_weather"),
                List.of(json("{\"city\":\"Oslo\"}"), json("{\"city\":\"Lima\"}")), true, "tool_calls", 90, 20, 110));
        assertThat(completionShape(ANTHROPIC)).isEqualTo(openai);
        assertThat(completionShape(GEMINI)).isEqualTo(openai);
    }

    @Test
    void aStreamWithParallelToolCallDeltasHasOneShapeWhateverTheProvider() {
        Shape openai = streamShape(OPENAI);

        assertThat(openai).isEqualTo(new Shape("assistant", "Checking both.", List.of("get_weather", "get_weather"),
                List.of(json("{\"city\":\"Oslo\"}"), json("{\"city\":\"Lima\"}")), true, "tool_calls", 90, 20, 110));
        assertThat(streamShape(ANTHROPIC)).isEqualTo(openai);
        assertThat(streamShape(GEMINI)).isEqualTo(openai);
    }

    private static Shape completionShape(Model model) {
        ChatCompletion completion = client.chat().completions().create(params(model));
        ChatCompletion.Choice choice = completion.choices().get(0);
        List<ChatCompletionMessageFunctionToolCall> calls = choice.message().toolCalls().orElse(List.of()).stream()
                .map(ChatCompletionMessageToolCall::asFunction).toList();
        CompletionUsage usage = completion.usage().orElseThrow();
        return new Shape(String.valueOf(choice.message()._role().asString().orElse(null)), choice.message().content().orElse(""),
                calls.stream().map(c -> c.function().name()).toList(),
                calls.stream().map(c -> json(c.function().arguments())).toList(),
                calls.stream().allMatch(c -> !c.id().isEmpty()),
                choice.finishReason().asString(), usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
    }

    /** Reassembles the stream as a client does: text deltas appended, tool-call deltas keyed by index. */
    private static Shape streamShape(Model model) {
        StringBuilder text = new StringBuilder();
        String role = null;
        Map<Long, String> names = new TreeMap<>();
        Map<Long, StringBuilder> arguments = new TreeMap<>();
        Map<Long, String> ids = new TreeMap<>();
        String finish = null;
        CompletionUsage usage = null;
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletionCreateParams params = params(model).toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        for (ChatCompletionChunk chunk : chunks) {
            if (chunk.usage().isPresent()) {
                usage = chunk.usage().get();
            }
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                ChatCompletionChunk.Choice.Delta delta = choice.delta();
                if (delta.role().isPresent() && role == null) {
                    role = delta.role().get().asString();
                }
                delta.content().ifPresent(text::append);
                for (ChatCompletionChunk.Choice.Delta.ToolCall call : delta.toolCalls().orElse(List.of())) {
                    call.id().ifPresent(id -> ids.put(call.index(), id));
                    call.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::name)
                            .ifPresent(name -> names.put(call.index(), name));
                    call.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
                            .ifPresent(part -> arguments.computeIfAbsent(call.index(), i -> new StringBuilder()).append(part));
                }
                if (choice.finishReason().isPresent()) {
                    finish = choice.finishReason().get().asString();
                }
            }
        }
        assertThat(usage).as("a usage chunk from " + model.provider()).isNotNull();
        return new Shape(role, text.toString(), List.copyOf(names.values()),
                arguments.values().stream().map(a -> json(a.toString())).toList(),
                ids.keySet().equals(names.keySet()) && ids.values().stream().noneMatch(String::isEmpty),
                finish, usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void stub(String path, boolean stream, ResponseDefinitionBuilder response) {
        gateway.wireMock().stubFor(post(urlEqualTo(path))
                .withRequestBody(stream ? matchingJsonPath("$.stream", equalTo("true")) : matchingJsonPath("$[?(!@.stream)]"))
                .willReturn(response));
    }

    private static ResponseDefinitionBuilder jsonAnswer(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder events(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    /** OpenAI Chat Completions (https://platform.openai.com/docs/api-reference/chat). */
    private static void stubOpenAi() {
        stub("/openai/v1/chat/completions", false, jsonAnswer("""
                {"id": "chatcmpl-S1", "object": "chat.completion", "created": 1732300000, "model": "shape-upstream",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                   "content": "Checking both.", "tool_calls": [
                     {"id": "call_o1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Oslo\\"}"}},
                     {"id": "call_l2", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Lima\\"}"}}]}}],
                 "usage": {"prompt_tokens": 90, "completion_tokens": 20, "total_tokens": 110}}"""));
        String chunk = "data: {\"id\":\"chatcmpl-S2\",\"object\":\"chat.completion.chunk\",\"created\":1732300000,"
                + "\"model\":\"shape-upstream\",\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}\n\n";
        stub("/openai/v1/chat/completions", true, events(
                chunk.formatted("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                        + chunk.formatted("{\"content\":\"Checking\"}", "null")
                        + chunk.formatted("{\"content\":\" both.\"}", "null")
                        + chunk.formatted("{\"tool_calls\":[{\"index\":0,\"id\":\"call_o1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null")
                        + chunk.formatted("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", "null")
                        + chunk.formatted("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}", "null")
                        + chunk.formatted("{\"tool_calls\":[{\"index\":1,\"id\":\"call_l2\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null")
                        + chunk.formatted("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Lima\\\"}\"}}]}", "null")
                        + chunk.formatted("{}", "\"tool_calls\"")
                        + "data: {\"id\":\"chatcmpl-S2\",\"object\":\"chat.completion.chunk\",\"created\":1732300000,"
                        + "\"model\":\"shape-upstream\",\"choices\":[],\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":20,\"total_tokens\":110}}\n\n"
                        + "data: [DONE]\n\n"));
    }

    /** Anthropic Messages (https://docs.anthropic.com/en/api/messages, /en/docs/build-with-claude/streaming). */
    private static void stubAnthropic() {
        stub("/anthropic/v1/messages", false, jsonAnswer("""
                {"id": "msg_01S1", "type": "message", "role": "assistant", "model": "shape-upstream",
                 "content": [{"type": "text", "text": "Checking both."},
                   {"type": "tool_use", "id": "toolu_o1", "name": "get_weather", "input": {"city": "Oslo"}},
                   {"type": "tool_use", "id": "toolu_l2", "name": "get_weather", "input": {"city": "Lima"}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 90, "output_tokens": 20, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}"""));
        stub("/anthropic/v1/messages", true, events("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_01S2","type":"message","role":"assistant","model":"shape-upstream","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":90,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: ping
                data: {"type": "ping"}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" both."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_o1","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \\"Oslo\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: content_block_start
                data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_l2","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"Lima\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":2}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":20}}

                event: message_stop
                data: {"type":"message_stop"}

                """));
    }

    /** Gemini generateContent / streamGenerateContent?alt=sse (https://ai.google.dev/api/generate-content). */
    private static void stubGemini() {
        gateway.wireMock().stubFor(post(urlEqualTo("/google/v1/models/shape-upstream:generateContent")).willReturn(jsonAnswer("""
                {"candidates": [{"content": {"role": "model", "parts": [{"text": "Checking both."},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Oslo"}}},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Lima"}}}]},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 90, "candidatesTokenCount": 20, "totalTokenCount": 110},
                 "modelVersion": "shape-upstream", "responseId": "g-S1"}""")));
        gateway.wireMock().stubFor(post(urlEqualTo("/google/v1/models/shape-upstream:streamGenerateContent?alt=sse"))
                .willReturn(events("""
                data: {"candidates": [{"content": {"parts": [{"text": "Checking"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 90,"totalTokenCount": 90},"modelVersion": "shape-upstream","responseId": "g-S2"}

                data: {"candidates": [{"content": {"parts": [{"text": " both."}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 90,"candidatesTokenCount": 4,"totalTokenCount": 94},"modelVersion": "shape-upstream","responseId": "g-S2"}

                data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"city": "Oslo"}}},{"functionCall": {"name": "get_weather","args": {"city": "Lima"}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 90,"candidatesTokenCount": 20,"totalTokenCount": 110},"modelVersion": "shape-upstream","responseId": "g-S2"}

                """)));
    }
}
