package dev.tollgate.plugins.anthropic;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tollgate.spi.ApiKey;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.StallingUpstream;
import dev.tollgate.spi.ProviderFailure.Kind;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.ToolDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Messages API as documented (https://docs.anthropic.com/en/api/messages,
 * /en/docs/build-with-claude/streaming, /en/api/errors), stubbed at the HTTP level.
 */
class AnthropicAdapterTest {
    private static final String KEY = "sk-ant-api03-test-7f3c9a1e5b2d4f60";
    private static final String PATH = "/v1/messages";
    private static final ToolDefinition WEATHER = new ToolDefinition("function", new ToolDefinition.Function(
            "get_weather", "Current weather in a city", Map.of("type", "object",
            "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))));

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    private final AnthropicAdapter adapter = new AnthropicAdapter();

    @BeforeEach
    void start() {
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop();
    }

    private ProviderCall call(ChatRequest request) {
        ProviderEndpoint endpoint = new ProviderEndpoint("anthropic", URI.create(upstream.baseUrl() + "/v1"), new ApiKey(KEY),
                Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(10));
        return new ProviderCall(endpoint, "claude-sonnet-4-5", request);
    }

    private static ChatRequest chat(List<ChatMessage> messages, boolean stream, List<ToolDefinition> tools,
                                    Map<String, Object> extra) {
        return new ChatRequest("auto", messages, stream, null, null, tools, extra);
    }

    private void answer(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private String sentBody() {
        return upstream.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString();
    }

    @Test
    void hoistsTheSystemPromptMergesTurnsAndSetsMaxTokensAndHeaders() throws Exception {
        answer(json(200, """
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant",
                 "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": "Paris."}],
                 "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 21, "output_tokens": 4, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}"""));
        ChatResponse response = adapter.complete(call(new ChatRequest("auto", List.of(
                ChatMessage.of("system", "You are terse."),
                ChatMessage.of("user", "Capital of Italy?"),
                ChatMessage.of("assistant", "Rome."),
                ChatMessage.of("developer", "Answer in one word."),
                ChatMessage.of("user", "And of France?"),
                ChatMessage.of("user", "Just the city.")), false, null, 0.3, null,
                Map.of("stop", "END", "top_p", 0.9, "user", "u-42", "seed", 7))));

        upstream.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(equalToJson("""
                        {"model": "claude-sonnet-4-5", "max_tokens": 4096,
                         "system": "You are terse.\\n\\nAnswer in one word.",
                         "messages": [
                           {"role": "user", "content": [{"type": "text", "text": "Capital of Italy?"}]},
                           {"role": "assistant", "content": [{"type": "text", "text": "Rome."}]},
                           {"role": "user", "content": [{"type": "text", "text": "And of France?"},
                                                         {"type": "text", "text": "Just the city."}]}],
                         "temperature": 0.3, "top_p": 0.9, "stop_sequences": ["END"],
                         "metadata": {"user_id": "u-42"}}""")));
        assertThat(sentBody()).as("OpenAI-only fields are not sent: Anthropic refuses unknown fields")
                .doesNotContain("seed").doesNotContain("Authorization");
        assertThat(response.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertThat(response.object()).isEqualTo("chat.completion");
        assertThat(response.choices().get(0).message().content()).isEqualTo("Paris.");
        assertThat(response.choices().get(0).message().role()).isEqualTo("assistant");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(response.usage().promptTokens()).isEqualTo(21);
        assertThat(response.usage().completionTokens()).isEqualTo(4);
        assertThat(response.usage().totalTokens()).isEqualTo(25);
    }

    @Test
    void theClientsMaxTokensWins() throws Exception {
        answer(json(200, """
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "Once upon"}], "stop_reason": "max_tokens",
                 "usage": {"input_tokens": 5, "output_tokens": 2}}"""));
        ChatResponse response = adapter.complete(call(new ChatRequest("auto", List.of(ChatMessage.of("user", "Tell a story")),
                false, 2, null, null, null)));

        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"max_tokens\": 2}", true, true)));
        assertThat(response.choices().get(0).finishReason()).isEqualTo("length");
    }

    @Test
    void translatesToolsParallelToolCallsAndToolResults() throws Exception {
        answer(json(200, """
                {"id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [
                   {"type": "text", "text": "I'll check both cities."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather", "input": {"city": "Oslo"}},
                   {"type": "tool_use", "id": "toolu_01B19q90qw90lq917835lq9", "name": "get_weather", "input": {"city": "Lima"}}],
                 "stop_reason": "tool_use", "stop_sequence": null,
                 "usage": {"input_tokens": 380, "output_tokens": 71}}"""));
        ChatMessage assistant = new ChatMessage("assistant", null, null, List.of(
                new ToolCall(null, "toolu_prev1", "function", new ToolCall.FunctionCall("get_weather", "{\"city\":\"Rome\"}")),
                new ToolCall(null, "toolu_prev2", "function", new ToolCall.FunctionCall("get_weather", "{\"city\":\"Bern\"}"))),
                null, null);
        ChatResponse response = adapter.complete(call(chat(List.of(
                ChatMessage.of("user", "Weather in Rome and Bern?"),
                assistant,
                new ChatMessage("tool", "18C sunny", null, null, "toolu_prev1", null),
                new ChatMessage("tool", "9C rain", null, null, "toolu_prev2", null),
                ChatMessage.of("user", "Now Oslo and Lima.")), false, List.of(WEATHER),
                Map.of("tool_choice", "required"))));

        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model": "claude-sonnet-4-5", "max_tokens": 4096,
                 "messages": [
                   {"role": "user", "content": [{"type": "text", "text": "Weather in Rome and Bern?"}]},
                   {"role": "assistant", "content": [
                     {"type": "tool_use", "id": "toolu_prev1", "name": "get_weather", "input": {"city": "Rome"}},
                     {"type": "tool_use", "id": "toolu_prev2", "name": "get_weather", "input": {"city": "Bern"}}]},
                   {"role": "user", "content": [
                     {"type": "tool_result", "tool_use_id": "toolu_prev1", "content": "18C sunny"},
                     {"type": "tool_result", "tool_use_id": "toolu_prev2", "content": "9C rain"},
                     {"type": "text", "text": "Now Oslo and Lima."}]}],
                 "tools": [{"name": "get_weather", "description": "Current weather in a city",
                            "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}],
                 "tool_choice": {"type": "any"}}""")));
        ChatResponse.Choice choice = response.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo("tool_calls");
        assertThat(choice.message().content()).isEqualTo("I'll check both cities.");
        assertThat(choice.message().toolCalls()).extracting(ToolCall::id)
                .containsExactly("toolu_01A09q90qw90lq917835lq9", "toolu_01B19q90qw90lq917835lq9");
        assertThat(choice.message().toolCalls()).extracting(c -> c.function().arguments())
                .containsExactly("{\"city\":\"Oslo\"}", "{\"city\":\"Lima\"}");
        assertThat(choice.message().toolCalls()).allSatisfy(c -> assertThat(c.type()).isEqualTo("function"));
    }

    @Test
    void aNamedToolChoiceAndNoParallelCallsBecomeAnthropicsToolChoice() throws Exception {
        answer(json(200, """
                {"id": "msg_2", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "tool_use", "id": "toolu_9", "name": "get_weather", "input": {}}],
                 "stop_reason": "tool_use", "usage": {"input_tokens": 10, "output_tokens": 5}}"""));
        ChatResponse response = adapter.complete(call(chat(List.of(ChatMessage.of("user", "Weather?")), false, List.of(WEATHER),
                Map.of("tool_choice", Map.of("type", "function", "function", Map.of("name", "get_weather")),
                        "parallel_tool_calls", false))));

        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"tool_choice": {"type": "tool", "name": "get_weather", "disable_parallel_tool_use": true}}""", true, true)));
        assertThat(response.choices().get(0).message().content()).as("no text: content is null, as OpenAI sends it").isNull();
        assertThat(response.choices().get(0).message().toolCalls().get(0).function().arguments()).isEqualTo("{}");
    }

    @Test
    void sendsImagePartsAsImageBlocks() throws Exception {
        answer(json(200, """
                {"id": "msg_3", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "A red square and a cat."}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 1600, "output_tokens": 9}}"""));
        adapter.complete(call(chat(List.of(new ChatMessage("user", List.of(
                Map.of("type", "text", "text", "What is in these?"),
                Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo=")),
                Map.of("type", "image_url", "image_url", Map.of("url", "https://example.com/cat.jpg", "detail", "low"))),
                null, null, null, null)), false, null, Map.of())));

        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is in these?"},
                  {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                  {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}]}]}""", true, true)));
    }

    @Test
    void countsCacheReadsAndWritesAsPromptTokens() throws Exception {
        answer(json(200, """
                {"id": "msg_4", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "text", "text": "Done."}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 50, "cache_creation_input_tokens": 1000, "cache_read_input_tokens": 3000,
                           "output_tokens": 12, "service_tier": "standard"}}"""));
        ChatResponse response = adapter.complete(call(chat(List.of(ChatMessage.of("user", "Go")), false, null, Map.of())));

        assertThat(response.usage().promptTokens()).isEqualTo(4050);
        assertThat(response.usage().completionTokens()).isEqualTo(12);
        assertThat(response.usage().totalTokens()).isEqualTo(4062);
        assertThat(response.usage().extra()).containsEntry("prompt_tokens_details", Map.of("cached_tokens", 3000L))
                .containsEntry("cache_creation_input_tokens", 1000L);
    }

    @Test
    void aRefusalIsAContentFilterFinish() throws Exception {
        answer(json(200, """
                {"id": "msg_5", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [], "stop_reason": "refusal", "usage": {"input_tokens": 30, "output_tokens": 0}}"""));
        ChatResponse response = adapter.complete(call(chat(List.of(ChatMessage.of("user", "…")), false, null, Map.of())));

        assertThat(response.choices().get(0).finishReason()).isEqualTo("content_filter");
    }

    /** The event sequence of the streaming guide's tool-use example, text first, then a tool call in JSON fragments. */
    private static final String TOOL_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2,"cache_creation_input_tokens":0,"cache_read_input_tokens":100},"content":[],"stop_reason":null}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", checking."}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": \\"San"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" Francisco\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void streamsTextAndToolCallDeltasThenFinishAndUsage() throws Exception {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(TOOL_STREAM));
        List<ChatChunk> chunks = new ArrayList<>();
        adapter.stream(call(chat(List.of(ChatMessage.of("user", "Weather in SF?")), true, List.of(WEATHER), Map.of())),
                chunks::add);

        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"stream\": true}", true, true)));
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.id()).isEqualTo("msg_014p7gG3wDgGV9EUtLvnow3U");
            assertThat(c.object()).isEqualTo("chat.completion.chunk");
        });
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<ToolCall> starts = new ArrayList<>();
        for (ChatChunk chunk : chunks) {
            if (chunk.choices().isEmpty()) {
                continue;
            }
            ChatMessage delta = chunk.choices().get(0).delta();
            if (delta.content() instanceof String s) {
                text.append(s);
            }
            if (delta.toolCalls() != null) {
                ToolCall call = delta.toolCalls().get(0);
                assertThat(call.index()).isZero();
                if (call.id() != null) {
                    starts.add(call);
                }
                arguments.append(call.function().arguments());
            }
        }
        assertThat(text).hasToString("Okay, checking.");
        assertThat(starts).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
            assertThat(call.function().name()).isEqualTo("get_weather");
        });
        assertThat(arguments).hasToString("{\"city\": \"San Francisco\"}");
        ChatChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().get(0).finishReason()).isEqualTo("tool_calls");
        ChatChunk usage = chunks.get(chunks.size() - 1);
        assertThat(usage.usageOnly()).isTrue();
        assertThat(usage.usage().promptTokens()).isEqualTo(572);
        assertThat(usage.usage().completionTokens()).isEqualTo(89);
    }

    @Test
    void parallelToolUseBlocksInAStreamGetTheirOwnIndexes() throws Exception {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("""
                data: {"type":"message_start","message":{"id":"msg_p","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}

                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_a","name":"get_weather","input":{}}}

                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Oslo\\"}"}}

                data: {"type":"content_block_stop","index":0}

                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_b","name":"get_weather","input":{}}}

                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":\\"Lima\\"}"}}

                data: {"type":"content_block_stop","index":1}

                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":40}}

                data: {"type":"message_stop"}

                """));
        List<ChatChunk> chunks = new ArrayList<>();
        adapter.stream(call(chat(List.of(ChatMessage.of("user", "Oslo and Lima?")), true, List.of(WEATHER), Map.of())),
                chunks::add);

        List<ToolCall> calls = chunks.stream().filter(c -> !c.choices().isEmpty())
                .map(c -> c.choices().get(0).delta().toolCalls()).filter(t -> t != null).map(t -> t.get(0)).toList();
        assertThat(calls).extracting(ToolCall::index).containsExactly(0, 0, 1, 1);
        assertThat(calls).extracting(ToolCall::id).containsExactly("toolu_a", null, "toolu_b", null);
        assertThat(calls.get(3).function().arguments()).isEqualTo("{\"city\":\"Lima\"}");
    }

    @Test
    void anErrorEventInsideAStreamIsAFailure() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_e","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}

                event: error
                data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}

                """));
        List<ChatChunk> chunks = new ArrayList<>();
        ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.stream(
                call(chat(List.of(ChatMessage.of("user", "Hi")), true, null, Map.of())), chunks::add));

        assertThat(chunks).hasSize(1);
        assertThat(thrown.failure().kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(thrown.failure().message()).isEqualTo("Overloaded");
    }

    @Test
    void aStreamThatEndsWithoutMessageStopIsCutShort() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("""
                data: {"type":"message_start","message":{"id":"msg_c","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}

                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                """));
        ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.stream(
                call(chat(List.of(ChatMessage.of("user", "Hi")), true, null, Map.of())), chunk -> { }));

        assertThat(thrown.failure().kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(thrown.failure().message()).contains("message_stop");
    }

    @Test
    void aStreamThatStallsInTheMiddleIsATimeout() throws Exception {
        StallingUpstream.assertAStallInTheMiddleIsATimeout(adapter, """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":10,"output_tokens":1}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                """, stalling -> new ProviderCall(new ProviderEndpoint("anthropic", stalling.uri("/v1"), new ApiKey(KEY),
                Map.of(), Duration.ofSeconds(10), Duration.ofMillis(800)), "claude-sonnet-4-5",
                chat(List.of(ChatMessage.of("user", "Hi")), true, null, Map.of())));
    }

    private ProviderFailure failure(ResponseDefinitionBuilder response) {
        answer(response);
        ProviderException thrown = catchThrowableOfType(ProviderException.class,
                () -> adapter.complete(call(chat(List.of(ChatMessage.of("user", "Hi")), false, null, Map.of()))));
        assertThat(thrown).as("a ProviderException").isNotNull();
        assertThat(thrown.getMessage()).doesNotContain(KEY);
        return thrown.failure();
    }

    private static String error(String type, String message) {
        return """
                {"type": "error", "error": {"type": "%s", "message": "%s"}, "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}"""
                .formatted(type, message);
    }

    @Test
    void mapsEveryErrorClass() {
        assertThat(failure(json(401, error("authentication_error", "invalid x-api-key"))).kind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(failure(json(403, error("permission_error", "Your API key does not have permission to use the specified resource.")))
                .kind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(failure(json(404, error("not_found_error", "model: claude-x"))).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(json(400, error("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum")))
                .kind()).isEqualTo(Kind.CONTEXT_TOO_LONG);
        assertThat(failure(json(413, error("request_too_large", "Request exceeds the maximum allowed number of bytes.")))
                .kind()).isEqualTo(Kind.CONTEXT_TOO_LONG);
        assertThat(failure(json(400, error("invalid_request_error", "Output blocked by content filtering policy")))
                .kind()).isEqualTo(Kind.CONTENT_FILTERED);
        ProviderFailure bad = failure(json(400, error("invalid_request_error", "messages.0.content: Field required")));
        assertThat(bad.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(bad.kind().fallsBack()).isFalse();
        assertThat(bad.message()).isEqualTo("messages.0.content: Field required");
        assertThat(failure(json(500, error("api_error", "Internal server error"))).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void overloadedIs529AndRetryable() {
        ProviderFailure overloaded = failure(json(529, error("overloaded_error", "Overloaded")).withHeader("retry-after", "3"));

        assertThat(overloaded.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(overloaded.kind().fallsBack()).isTrue();
        assertThat(overloaded.httpStatus()).isEqualTo(529);
        assertThat(overloaded.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aRateLimitCarriesTheWaitFromRetryAfter() {
        ProviderFailure limited = failure(json(429, error("rate_limit_error",
                "This request would exceed the rate limit for your organization of 50 requests per minute."))
                .withHeader("retry-after", "17").withHeader("anthropic-ratelimit-requests-remaining", "0"));

        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void withoutRetryAfterTheExhaustedLimitsResetIsTheWait() {
        String reset = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30).toString();
        ProviderFailure limited = failure(json(429, error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"))
                .withHeader("anthropic-ratelimit-tokens-remaining", "0").withHeader("anthropic-ratelimit-tokens-reset", reset));

        assertThat(limited.retryAfter()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    }

    @Test
    void aKeyQuotedByTheUpstreamIsMasked() {
        ProviderFailure failure = failure(json(401, error("authentication_error", "invalid x-api-key " + KEY)));

        assertThat(failure.message()).doesNotContain(KEY).contains("***");
    }

    @Test
    void anAnswerThatIsNotAMessageIsUnavailable() {
        ProviderFailure failure = failure(json(200, "{\"choices\": []}"));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure.message()).contains("not an Anthropic message");
    }

    @Test
    void listsModelsForTheHealthCheck() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(json(200, """
                {"data": [{"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "Claude Sonnet 4.5",
                           "created_at": "2025-09-29T00:00:00Z"},
                          {"type": "model", "id": "claude-haiku-4-5-20251001", "display_name": "Claude Haiku 4.5",
                           "created_at": "2025-10-01T00:00:00Z"}],
                 "has_more": false, "first_id": "claude-sonnet-4-5-20250929", "last_id": "claude-haiku-4-5-20251001"}""")));

        assertThat(adapter.listModels(call(chat(List.of(), false, null, Map.of())).endpoint()))
                .containsExactly("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001");
        upstream.verify(getRequestedFor(urlPathEqualTo("/v1/models")).withHeader("x-api-key", equalTo(KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01")));
    }

    @Test
    void aRefusedKeyFailsTheModelsListing() {
        upstream.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(json(401, error("authentication_error", "invalid x-api-key"))));

        ProviderException thrown = catchThrowableOfType(ProviderException.class,
                () -> adapter.listModels(call(chat(List.of(), false, null, Map.of())).endpoint()));
        assertThat(thrown.failure().kind()).isEqualTo(Kind.AUTH_FAILED);
    }
}
