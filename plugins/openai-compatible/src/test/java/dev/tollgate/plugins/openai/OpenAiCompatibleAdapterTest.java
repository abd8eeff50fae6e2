package dev.tollgate.plugins.openai;

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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OpenAiCompatibleAdapterTest {
    private static final String KEY = "sk-proj-abcdef1234567890";
    private static final String PATH = "/v1/chat/completions";

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    private final OpenAiCompatibleAdapter adapter = new OpenAiCompatibleAdapter();

    @BeforeEach
    void start() {
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop();
    }

    private ProviderCall call(boolean stream, Duration timeout) {
        ProviderEndpoint endpoint = new ProviderEndpoint("groq", URI.create(upstream.baseUrl() + "/v1/"), new ApiKey(KEY),
                Map.of("X-Title", "Tollgate"), Duration.ofSeconds(2), timeout);
        ChatRequest request = new ChatRequest("auto", List.of(ChatMessage.of("user", "Hi")), stream, null, 0.3, null,
                Map.of("seed", 7));
        return new ProviderCall(endpoint, "llama-3.3-70b-versatile", request);
    }

    private void answer(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    private ProviderFailure failure(ResponseDefinitionBuilder response) {
        answer(response);
        ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.complete(call(false, Duration.ofSeconds(10))));
        assertThat(thrown).as("a ProviderException").isNotNull();
        assertThat(thrown.getMessage()).doesNotContain(KEY);
        return thrown.failure();
    }

    private static ResponseDefinitionBuilder error(int status, String json) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json);
    }

    @Test
    void sendsTheUpstreamModelTheKeyAndThePassThroughFields() throws Exception {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"llama-3.3-70b-versatile",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10,"queue_time":0.01},
                 "system_fingerprint":"fp_x","x_groq":{"id":"req_1"}}"""));

        ChatResponse response = adapter.complete(call(false, Duration.ofSeconds(10)));

        assertThat(response.choices().get(0).message().text()).isEqualTo("Hello");
        assertThat(response.usage().promptTokens()).isEqualTo(9);
        assertThat(response.extra()).containsKeys("system_fingerprint", "x_groq");
        assertThat(response.usage().extra()).containsKey("queue_time");
        upstream.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("X-Title", equalTo("Tollgate"))
                .withRequestBody(equalToJson("""
                        {"model":"llama-3.3-70b-versatile","messages":[{"role":"user","content":"Hi"}],
                         "stream":false,"temperature":0.3,"seed":7}""")));
    }

    @Test
    void returnsToolCalls() throws Exception {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls",
                 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"read_file","arguments":"{\\"path\\":\\"a.txt\\"}"}}]}}]}"""));

        ChatResponse response = adapter.complete(call(false, Duration.ofSeconds(10)));

        assertThat(response.choices().get(0).finishReason()).isEqualTo("tool_calls");
        assertThat(response.choices().get(0).message().toolCalls().get(0).function().arguments()).isEqualTo("{\"path\":\"a.txt\"}");
    }

    @Test
    void streamsEachEventAsItArrivesAndAsksForUsage() throws Exception {
        String body = """
                : OPENROUTER PROCESSING

                data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

                data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}

                data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}

                data: [DONE]

                """;
        answer(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body).withChunkedDribbleDelay(4, 1200));
        List<ChatChunk> chunks = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long started = System.nanoTime();

        adapter.stream(call(true, Duration.ofSeconds(5)), chunk -> {
            chunks.add(chunk);
            arrivals.add((System.nanoTime() - started) / 1_000_000);
        });

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).choices().get(0).delta().text()).isEqualTo("Hel");
        assertThat(chunks.get(2).usageOnly()).isTrue();
        assertThat(arrivals.get(0)).as("first chunk handed on before the upstream finished").isLessThan(arrivals.get(2) - 300);
        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Accept", equalTo("text/event-stream"))
                .withRequestBody(equalToJson("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}", true, true)));
    }

    @Test
    void anErrorEventInsideAStreamIsAFailure() {
        answer(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                data: {"error": {"message": "Rate limit exceeded: free-models-per-day", "code": 429}}

                """));

        ProviderException thrown = catchThrowableOfType(ProviderException.class,
                () -> adapter.stream(call(true, Duration.ofSeconds(10)), chunk -> { }));

        assertThat(thrown.failure().kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void aStreamThatEndsBeforeItsLastEventIsAFailure() {
        answer(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

                """));
        List<ChatChunk> received = new ArrayList<>();

        ProviderException thrown = catchThrowableOfType(ProviderException.class,
                () -> adapter.stream(call(true, Duration.ofSeconds(2)), received::add));

        assertThat(received).hasSize(1);
        assertThat(thrown.failure().kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(thrown.failure().message()).contains("ended before its last event");
    }

    @Test
    void aStreamThatStallsInTheMiddleIsATimeout() throws Exception {
        StallingUpstream.assertAStallInTheMiddleIsATimeout(adapter,
                "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n",
                stalling -> callTo(stalling, true, Duration.ofMillis(800)));
    }

    @Test
    void aPlainAnswerWhoseBodyStallsIsATimeout() throws Exception {
        long started = System.nanoTime();

        ProviderException thrown;
        try (StallingUpstream stalling = new StallingUpstream("application/json", "Content-Length: 400", "{\"id\":\"c\",\"object\":")) {
            thrown = catchThrowableOfType(ProviderException.class,
                    () -> adapter.complete(callTo(stalling, false, Duration.ofMillis(800))));
        }

        assertThat(thrown.failure().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        // The deadline interrupts the waiting thread (UpstreamHttp); the thread must not stay interrupted afterwards.
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private ProviderCall callTo(StallingUpstream server, boolean stream, Duration timeout) {
        ProviderCall call = call(stream, timeout);
        ProviderEndpoint endpoint = call.endpoint();
        return new ProviderCall(new ProviderEndpoint(endpoint.provider(), server.uri("/v1/"),
                endpoint.apiKey(), endpoint.headers(), endpoint.connectTimeout(), endpoint.timeout()), call.upstreamModel(), call.request());
    }

    @Test
    void mapsA429WithRetryAfterToRateLimited() {
        ProviderFailure failure = failure(error(429, """
                {"error":{"message":"Rate limit reached for model llama-3.3-70b-versatile","type":"tokens","code":"rate_limit_exceeded"}}""")
                .withHeader("retry-after", "7"));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.message()).isEqualTo("Rate limit reached for model llama-3.3-70b-versatile");
    }

    @Test
    void readsOpenAiStyleResetDurationsWhenThereIsNoRetryAfter() {
        ProviderFailure failure = failure(error(429, "{\"error\":{\"message\":\"slow down\"}}")
                .withHeader("x-ratelimit-reset-requests", "1m2.5s"));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(62_500));
    }

    @Test
    void readsTheWaitFromA429BodyWhenNoHeaderGivesIt() {
        ProviderFailure google = failure(error(429, """
                [{"error": {"code": 429, "message": "You exceeded your current quota.", "status": "RESOURCE_EXHAUSTED",
                  "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "34s"}]}}]"""));
        assertThat(google.retryAfter()).isEqualTo(Duration.ofSeconds(34));
        ProviderFailure groq = failure(error(429, "{\"error\":{\"message\":\"Rate limit reached for model `llama-3.3-70b-versatile`"
                + " on tokens per minute (TPM): Limit 12000, Used 11800, Requested 900. Please try again in 3.5s.\","
                + "\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}"));
        assertThat(groq.retryAfter()).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void mapsEachErrorClass() {
        assertThat(failure(error(401, "{\"error\":{\"message\":\"Invalid API Key\",\"code\":\"invalid_api_key\"}}")).kind())
                .isEqualTo(Kind.AUTH_FAILED);
        assertThat(failure(error(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
                + "\"code\":\"context_length_exceeded\"}}")).kind()).isEqualTo(Kind.CONTEXT_TOO_LONG);
        assertThat(failure(error(400, "{\"error\":{\"message\":\"flagged\",\"code\":\"content_filter\"}}")).kind())
                .isEqualTo(Kind.CONTENT_FILTERED);
        assertThat(failure(error(400, "{\"error\":{\"message\":\"'messages' must be non-empty\",\"type\":\"invalid_request_error\"}}")).kind())
                .isEqualTo(Kind.BAD_REQUEST);
        assertThat(failure(error(404, "{\"error\":{\"message\":\"The model `x` does not exist\"}}")).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(error(503, "{\"error\":{\"message\":\"overloaded\"}}")).kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure(error(529, "{\"error\":{\"message\":\"overloaded\"}}")).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void anAnswerThatIsNotACompletionIsUnavailable() {
        ProviderFailure failure = failure(aResponse().withStatus(200).withBody("<html>Bad gateway</html>"));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure.message()).contains("not an OpenAI chat completion", "<html>Bad gateway");
    }

    @Test
    void aSlowUpstreamIsATimeout() {
        answer(aResponse().withFixedDelay(1500).withBody("{}"));

        ProviderException thrown = catchThrowableOfType(ProviderException.class,
                () -> adapter.complete(call(false, Duration.ofMillis(300))));

        assertThat(thrown.failure().kind()).isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void anUnreachableUpstreamIsUnavailableWithNoStatus() {
        ProviderCall toNobody = call(false, Duration.ofSeconds(1));
        upstream.stop();

        ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.complete(toNobody));

        assertThat(thrown.failure().kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(thrown.failure().httpStatus()).isZero();
        assertThat(thrown.getMessage()).contains("could not reach groq");
    }

    @Test
    void aKeyQuotedByTheUpstreamIsMasked() {
        ProviderFailure failure = failure(error(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

        assertThat(failure.message()).isEqualTo("Incorrect API key provided: ***");
    }

    @Test
    void listsModelsForTheHealthCheck() throws Exception {
        upstream.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("""
                        {"object": "list", "data": [{"id": "llama3.2:3b", "object": "model", "created": 1, "owned_by": "library"},
                                                    {"id": "qwen2.5-coder:7b", "object": "model", "created": 1, "owned_by": "library"}]}""")));

        assertThat(adapter.listModels(call(false, Duration.ofSeconds(2)).endpoint())).containsExactly("llama3.2:3b", "qwen2.5-coder:7b");
    }

    @Test
    void passesOpenRoutersProviderRoutingFieldsThrough() throws Exception {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("""
                {"id":"gen-1","object":"chat.completion","created":1,"model":"qwen/qwen3-coder:free",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"""));
        ProviderCall base = call(false, Duration.ofSeconds(2));
        ChatRequest routed = base.request().withExtra("provider", Map.of("order", List.of("chutes", "targon"), "allow_fallbacks", false))
                .withExtra("models", List.of("qwen/qwen3-coder:free", "deepseek/deepseek-r1-0528:free"));
        adapter.complete(new ProviderCall(base.endpoint(), "qwen/qwen3-coder:free", routed));

        upstream.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
                {"model": "qwen/qwen3-coder:free",
                 "provider": {"order": ["chutes", "targon"], "allow_fallbacks": false},
                 "models": ["qwen/qwen3-coder:free", "deepseek/deepseek-r1-0528:free"]}""", true, true)));
    }
}
