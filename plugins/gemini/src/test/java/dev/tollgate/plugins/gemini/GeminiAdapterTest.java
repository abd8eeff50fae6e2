package dev.tollgate.plugins.gemini;

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
 * The Gemini API as documented (https://ai.google.dev/api/generate-content,
 * https://ai.google.dev/gemini-api/docs/function-calling, /docs/troubleshooting), stubbed at the HTTP level.
 */
class GeminiAdapterTest {
    private static final String KEY = "AIzaSyTest-7f3c9a1e5b2d4f60";
    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    private static final ToolDefinition WEATHER = new ToolDefinition("function", new ToolDefinition.Function(
            "get_weather", "Current weather in a city", Map.of("type", "object", "additionalProperties", false,
            "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))));

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    private final GeminiAdapter adapter = new GeminiAdapter();

    @BeforeEach
    void start() {
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop();
    }

    private ProviderCall call(ChatRequest request) {
        ProviderEndpoint endpoint = new ProviderEndpoint("google", URI.create(upstream.baseUrl() + "/v1beta"), new ApiKey(KEY),
                Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(10));
        return new ProviderCall(endpoint, "gemini-2.5-flash", request);
    }

    private static ChatRequest chat(List<ChatMessage> messages, boolean stream, List<ToolDefinition> tools,
                                    Map<String, Object> extra) {
        return new ChatRequest("auto", messages, stream, null, null, tools, extra);
    }

    private void answer(String path, ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private static String text(String text, String finishReason) {
        return """
                {"candidates": [{"content": {"parts": [{"text": "%s"}], "role": "model"}, "finishReason": "%s",
                                 "avgLogprobs": -0.12, "index": 0}],
                 "usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 3, "totalTokenCount": 40,
                                   "thoughtsTokenCount": 25,
                                   "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 12}]},
                 "modelVersion": "gemini-2.5-flash", "responseId": "mKR2aPnHG5rVxN8P0a2s-Ac"}""".formatted(text, finishReason);
    }

    @Test
    void sendsContentsSystemInstructionGenerationConfigAndTheKeyHeader() throws Exception {
        answer(GENERATE, json(200, text("Paris.", "STOP")));
        ChatResponse response = adapter.complete(call(new ChatRequest("auto", List.of(
                ChatMessage.of("system", "You are terse."),
                ChatMessage.of("user", "Capital of Italy?"),
                ChatMessage.of("assistant", "Rome."),
                ChatMessage.of("user", "And of France?"),
                ChatMessage.of("user", "One word.")), false, 64, 0.2, null,
                Map.of("top_p", 0.9, "stop", List.of("END"), "seed", 7))));

        upstream.verify(postRequestedFor(urlEqualTo(GENERATE))
                .withHeader("x-goog-api-key", equalTo(KEY))
                .withRequestBody(equalToJson("""
                        {"contents": [
                           {"role": "user", "parts": [{"text": "Capital of Italy?"}]},
                           {"role": "model", "parts": [{"text": "Rome."}]},
                           {"role": "user", "parts": [{"text": "And of France?"}, {"text": "One word."}]}],
                         "systemInstruction": {"parts": [{"text": "You are terse."}]},
                         "generationConfig": {"maxOutputTokens": 64, "temperature": 0.2, "topP": 0.9, "seed": 7,
                                              "stopSequences": ["END"]}}""")));
        assertThat(upstream.findAll(postRequestedFor(urlEqualTo(GENERATE))).get(0).getUrl()).doesNotContain("key=");
        assertThat(response.id()).isEqualTo("mKR2aPnHG5rVxN8P0a2s-Ac");
        assertThat(response.model()).isEqualTo("gemini-2.5-flash");
        assertThat(response.choices().get(0).message().content()).isEqualTo("Paris.");
        assertThat(response.choices().get(0).finishReason()).isEqualTo("stop");
        assertThat(response.usage().promptTokens()).isEqualTo(12);
        assertThat(response.usage().completionTokens()).as("thinking tokens are billed as output").isEqualTo(28);
        assertThat(response.usage().totalTokens()).isEqualTo(40);
        assertThat(response.usage().extra()).containsEntry("completion_tokens_details", Map.of("reasoning_tokens", 25L));
    }

    @Test
    void translatesToolsParallelFunctionCallsAndFunctionResponses() throws Exception {
        answer(GENERATE, json(200, """
                {"candidates": [{"content": {"role": "model", "parts": [
                    {"functionCall": {"name": "get_weather", "args": {"city": "Oslo"}}},
                    {"functionCall": {"name": "get_weather", "args": {"city": "Lima"}}}]},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 90, "candidatesTokenCount": 20, "totalTokenCount": 110},
                 "modelVersion": "gemini-2.5-flash", "responseId": "r-tools"}"""));
        ChatMessage assistant = new ChatMessage("assistant", null, null, List.of(
                new ToolCall(null, "call_a", "function", new ToolCall.FunctionCall("get_weather", "{\"city\":\"Rome\"}")),
                new ToolCall(null, "call_b", "function", new ToolCall.FunctionCall("get_weather", "{\"city\":\"Bern\"}"))),
                null, null);
        ChatResponse response = adapter.complete(call(chat(List.of(
                ChatMessage.of("user", "Weather in Rome and Bern?"),
                assistant,
                new ChatMessage("tool", "{\"temp_c\": 18}", null, null, "call_a", null),
                new ChatMessage("tool", "9C rain", null, null, "call_b", null),
                ChatMessage.of("user", "Now Oslo and Lima.")), false, List.of(WEATHER), Map.of("tool_choice", "required"))));

        upstream.verify(postRequestedFor(urlEqualTo(GENERATE)).withRequestBody(equalToJson("""
                {"contents": [
                   {"role": "user", "parts": [{"text": "Weather in Rome and Bern?"}]},
                   {"role": "model", "parts": [
                     {"functionCall": {"name": "get_weather", "args": {"city": "Rome"}}},
                     {"functionCall": {"name": "get_weather", "args": {"city": "Bern"}}}]},
                   {"role": "user", "parts": [
                     {"functionResponse": {"name": "get_weather", "response": {"temp_c": 18}}},
                     {"functionResponse": {"name": "get_weather", "response": {"content": "9C rain"}}},
                     {"text": "Now Oslo and Lima."}]}],
                 "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "Current weather in a city",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY"}}}""")));
        ChatResponse.Choice choice = response.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo("tool_calls");
        assertThat(choice.message().content()).isNull();
        assertThat(choice.message().toolCalls()).extracting(c -> c.function().arguments())
                .containsExactly("{\"city\":\"Oslo\"}", "{\"city\":\"Lima\"}");
        assertThat(choice.message().toolCalls()).extracting(ToolCall::id).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void aNamedToolChoiceRestrictsTheAllowedFunctions() throws Exception {
        answer(GENERATE, json(200, text("ok", "STOP")));
        adapter.complete(call(chat(List.of(ChatMessage.of("user", "Weather?")), false, List.of(WEATHER),
                Map.of("tool_choice", Map.of("type", "function", "function", Map.of("name", "get_weather"))))));

        upstream.verify(postRequestedFor(urlEqualTo(GENERATE)).withRequestBody(equalToJson("""
                {"toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}}}""",
                true, true)));
    }

    @Test
    void sendsImagesAsInlineDataOrFileData() throws Exception {
        answer(GENERATE, json(200, text("A red square.", "STOP")));
        adapter.complete(call(chat(List.of(new ChatMessage("user", List.of(
                Map.of("type", "text", "text", "What is this?"),
                Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo=")),
                Map.of("type", "image_url", "image_url", Map.of("url", "https://example.com/cat.png"))),
                null, null, null, null)), false, null, Map.of())));

        upstream.verify(postRequestedFor(urlEqualTo(GENERATE)).withRequestBody(equalToJson("""
                {"contents": [{"role": "user", "parts": [
                   {"text": "What is this?"},
                   {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}},
                   {"fileData": {"mimeType": "image/png", "fileUri": "https://example.com/cat.png"}}]}]}""", true, true)));
    }

    @Test
    void aSafetyStopIsAContentFilterFinish() throws Exception {
        answer(GENERATE, json(200, """
                {"candidates": [{"finishReason": "SAFETY", "index": 0, "safetyRatings": [
                   {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": true}]}],
                 "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}, "modelVersion": "gemini-2.5-flash"}"""));
        ChatResponse response = adapter.complete(call(chat(List.of(ChatMessage.of("user", "…")), false, null, Map.of())));

        assertThat(response.choices().get(0).finishReason()).isEqualTo("content_filter");
        assertThat(response.usage().completionTokens()).isZero();
    }

    @Test
    void aBlockedPromptIsContentFiltered() {
        ProviderFailure failure = failure(json(200, """
                {"promptFeedback": {"blockReason": "SAFETY", "safetyRatings": [
                   {"category": "HARM_CATEGORY_HARASSMENT", "probability": "HIGH"}]},
                 "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}, "modelVersion": "gemini-2.5-flash"}"""));

        assertThat(failure.kind()).isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(failure.kind().fallsBack()).isFalse();
        assertThat(failure.message()).contains("SAFETY");
    }

    @Test
    void maxTokensIsALengthFinish() throws Exception {
        answer(GENERATE, json(200, text("Once upon", "MAX_TOKENS")));
        ChatResponse response = adapter.complete(call(chat(List.of(ChatMessage.of("user", "Story")), false, null, Map.of())));

        assertThat(response.choices().get(0).finishReason()).isEqualTo("length");
    }

    @Test
    void streamsTextAndFunctionCallsThenFinishAndUsage() throws Exception {
        answer(STREAM, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("""
                data: {"candidates": [{"content": {"parts": [{"text": "Checking"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 30,"totalTokenCount": 30},"modelVersion": "gemini-2.5-flash","responseId": "s-1"}

                data: {"candidates": [{"content": {"parts": [{"text": " both."}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 30,"candidatesTokenCount": 3,"totalTokenCount": 33},"modelVersion": "gemini-2.5-flash","responseId": "s-1"}

                data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"city": "Oslo"}}},{"functionCall": {"name": "get_weather","args": {"city": "Lima"}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 30,"candidatesTokenCount": 21,"totalTokenCount": 51},"modelVersion": "gemini-2.5-flash","responseId": "s-1"}

                """));
        List<ChatChunk> chunks = new ArrayList<>();
        adapter.stream(call(chat(List.of(ChatMessage.of("user", "Oslo and Lima?")), true, List.of(WEATHER), Map.of())),
                chunks::add);

        assertThat(chunks).allSatisfy(c -> assertThat(c.id()).isEqualTo("s-1"));
        assertThat(chunks.get(0).choices().get(0).delta().role()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ChatChunk chunk : chunks) {
            if (!chunk.choices().isEmpty()) {
                ChatMessage delta = chunk.choices().get(0).delta();
                if (delta.content() instanceof String s) {
                    text.append(s);
                }
                if (delta.toolCalls() != null) {
                    calls.addAll(delta.toolCalls());
                }
            }
        }
        assertThat(text).hasToString("Checking both.");
        assertThat(calls).extracting(ToolCall::index).containsExactly(0, 1);
        assertThat(calls).extracting(c -> c.function().name()).containsExactly("get_weather", "get_weather");
        assertThat(calls).extracting(c -> c.function().arguments()).containsExactly("{\"city\":\"Oslo\"}", "{\"city\":\"Lima\"}");
        assertThat(calls).allSatisfy(c -> assertThat(c.id()).startsWith("call_"));
        assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo("tool_calls");
        ChatChunk usage = chunks.get(chunks.size() - 1);
        assertThat(usage.usageOnly()).isTrue();
        assertThat(usage.usage().promptTokens()).isEqualTo(30);
        assertThat(usage.usage().completionTokens()).isEqualTo(21);
    }

    @Test
    void aStreamWithoutAFinishReasonIsCutShort() {
        answer(STREAM, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("""
                data: {"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash","responseId": "s-2"}

                """));
        ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.stream(
                call(chat(List.of(ChatMessage.of("user", "Hi")), true, null, Map.of())), chunk -> { }));

        assertThat(thrown.failure().kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void aStreamThatStallsInTheMiddleIsATimeout() throws Exception {
        StallingUpstream.assertAStallInTheMiddleIsATimeout(adapter, """
                data: {"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash","responseId": "s-3"}

                """, stalling -> new ProviderCall(new ProviderEndpoint("google", stalling.uri("/v1beta"), new ApiKey(KEY),
                Map.of(), Duration.ofSeconds(10), Duration.ofMillis(800)), "gemini-2.5-flash",
                chat(List.of(ChatMessage.of("user", "Hi")), true, null, Map.of())));
    }

    @Test
    void aStreamRefusedUpFrontIsAFailureBeforeAnyChunk() {
        answer(STREAM, json(429, quotaError()));
        List<ChatChunk> chunks = new ArrayList<>();
        ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.stream(
                call(chat(List.of(ChatMessage.of("user", "Hi")), true, null, Map.of())), chunks::add));

        assertThat(chunks).isEmpty();
        assertThat(thrown.failure().kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(thrown.failure().retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    private ProviderFailure failure(ResponseDefinitionBuilder response) {
        answer(GENERATE, response);
        ProviderException thrown = catchThrowableOfType(ProviderException.class,
                () -> adapter.complete(call(chat(List.of(ChatMessage.of("user", "Hi")), false, null, Map.of()))));
        assertThat(thrown).as("a ProviderException").isNotNull();
        assertThat(thrown.getMessage()).doesNotContain(KEY);
        return thrown.failure();
    }

    private static String error(int code, String status, String message) {
        return """
                {"error": {"code": %d, "message": "%s", "status": "%s"}}""".formatted(code, message, status);
    }

    private static String quotaError() {
        return """
                {"error": {"code": 429,
                  "message": "You exceeded your current quota, please check your plan and billing details.",
                  "status": "RESOURCE_EXHAUSTED",
                  "details": [
                    {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [
                      {"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                       "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "quotaValue": "10"}]},
                    {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "17s"}]}}""";
    }

    @Test
    void mapsEveryErrorClass() {
        ProviderFailure limited = failure(json(429, quotaError()));
        assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        assertThat(failure(json(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                               "domain": "googleapis.com"}]}}""")).kind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(failure(json(403, error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers")))
                .kind()).isEqualTo(Kind.AUTH_FAILED);
        assertThat(failure(json(400, error(400, "INVALID_ARGUMENT",
                "The input token count (1210000) exceeds the maximum number of tokens allowed (1048576).")))
                .kind()).isEqualTo(Kind.CONTEXT_TOO_LONG);
        ProviderFailure bad = failure(json(400, error(400, "INVALID_ARGUMENT",
                "Invalid JSON payload received. Unknown name \\\"foo\\\": Cannot find field.")));
        assertThat(bad.kind()).isEqualTo(Kind.BAD_REQUEST);
        assertThat(bad.kind().fallsBack()).isFalse();
        assertThat(failure(json(400, error(400, "FAILED_PRECONDITION",
                "User location is not supported for the API use."))).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(json(404, error(404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta")))
                .kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(json(500, error(500, "INTERNAL", "An internal error has occurred.")))
                .kind()).isEqualTo(Kind.UNAVAILABLE);
        ProviderFailure overloaded = failure(json(503, error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")));
        assertThat(overloaded.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(overloaded.kind().fallsBack()).isTrue();
        assertThat(failure(json(504, error(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.")))
                .kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void aKeyQuotedByTheUpstreamIsMasked() {
        ProviderFailure failure = failure(json(400, error(400, "INVALID_ARGUMENT", "bad key " + KEY)));

        assertThat(failure.message()).doesNotContain(KEY).contains("***");
    }

    @Test
    void listsModelsForTheHealthCheck() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/v1beta/models")).willReturn(json(200, """
                {"models": [{"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash", "inputTokenLimit": 1048576,
                             "supportedGenerationMethods": ["generateContent", "countTokens"]},
                            {"name": "models/gemini-2.5-pro", "displayName": "Gemini 2.5 Pro", "inputTokenLimit": 1048576,
                             "supportedGenerationMethods": ["generateContent"]}]}""")));

        assertThat(adapter.listModels(call(chat(List.of(), false, null, Map.of())).endpoint()))
                .containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
        upstream.verify(getRequestedFor(urlPathEqualTo("/v1beta/models")).withHeader("x-goog-api-key", equalTo(KEY)));
    }
}
