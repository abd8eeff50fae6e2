package dev.tollgate.engine;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tollgate.engine.http.WireJson;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** Upstream providers as WireMock stubs speaking the OpenAI Chat Completions wire format. */
public final class UpstreamStubs {
    private final WireMockServer server;

    UpstreamStubs(WireMockServer server) {
        this.server = server;
    }

    private static String path(String provider) {
        return "/" + provider + "/v1/chat/completions";
    }

    /** {@code model} (a TestGateway catalog name) answers with a completion using these token counts. */
    public void answers(TestGateway.Model model, String text, long promptTokens, long completionTokens) {
        answers(model, text, promptTokens, completionTokens, 0);
    }

    /** Like {@link #answers}, with {@code cachedTokens} of the prompt read from the upstream's cache. */
    public void answers(TestGateway.Model model, String text, long promptTokens, long completionTokens, long cachedTokens) {
        stub(model, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_" + model.provider())
                .withBody(completion(model.upstream(), text, promptTokens, completionTokens, cachedTokens)));
    }

    /** Like {@link #answers}, but only after {@code millis}. */
    public void answersAfter(TestGateway.Model model, int millis) {
        answersAfter(model, millis, 20, 10);
    }

    /** Answers after {@code millis} with these token counts. */
    public void answersAfter(TestGateway.Model model, int millis, long promptTokens, long completionTokens) {
        stub(model, aResponse().withStatus(200).withHeader("Content-Type", "application/json").withFixedDelay(millis)
                .withBody(completion(model.upstream(), "Answer from " + model.upstream(), promptTokens, completionTokens, 0)));
    }

    public void fails(TestGateway.Model model, int status, String errorJson, String... headers) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(errorJson);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        stub(model, response);
    }

    public void rateLimited(TestGateway.Model model, int retryAfterSeconds) {
        fails(model, 429, """
                {"error": {"message": "Rate limit reached for requests per minute (RPM): Limit 30, Used 30, Requested 1.",
                  "type": "requests", "param": null, "code": "rate_limit_exceeded"}}""",
                "retry-after", String.valueOf(retryAfterSeconds), "x-ratelimit-remaining-requests", "0");
    }

    public void unavailable(TestGateway.Model model) {
        fails(model, 503, """
                {"error": {"message": "The server is overloaded or not ready yet.", "type": "server_error", "param": null, "code": null}}""");
    }

    /** A stream of {@code parts} content chunks plus a usage chunk and [DONE], the parts spread over {@code totalMillis}. */
    public void streams(TestGateway.Model model, List<String> parts, long promptTokens, long completionTokens, int totalMillis) {
        StringBuilder body = new StringBuilder();
        body.append(event(chunk(model.upstream(), "{\"role\":\"assistant\",\"content\":\"\"}", null)));
        for (String part : parts) {
            body.append(event(chunk(model.upstream(), "{\"content\":\"" + part + "\"}", null)));
        }
        body.append(event(chunk(model.upstream(), "{}", "\"stop\"")));
        body.append(event("""
                {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1732300000,"model":"%s","choices":[],\
                "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(
                model.upstream(), promptTokens, completionTokens, promptTokens + completionTokens)));
        body.append("data: [DONE]\n\n");
        ResponseDefinitionBuilder response = aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(body.toString());
        if (totalMillis > 0) {
            response.withChunkedDribbleDelay(parts.size(), totalMillis);
        }
        stub(model, response);
    }

    /**
     * A stream that says {@code text}, then calls {@code tool} with its JSON arguments split into
     * {@code argumentParts}, as OpenAI streams tool calls: the id and name first, then argument fragments.
     */
    public void streamsToolCall(TestGateway.Model model, String text, String tool, List<String> argumentParts,
                                long promptTokens, long completionTokens) {
        StringBuilder body = new StringBuilder();
        body.append(event(chunk(model.upstream(), "{\"role\":\"assistant\",\"content\":\"\"}", null)));
        body.append(event(chunk(model.upstream(), "{\"content\":\"" + text + "\"}", null)));
        body.append(event(chunk(model.upstream(), """
                {"tool_calls":[{"index":0,"id":"call_Xk29","type":"function","function":{"name":"%s","arguments":""}}]}\
                """.formatted(tool).strip(), null)));
        for (String part : argumentParts) {
            body.append(event(chunk(model.upstream(), "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                    + WireJson.write(part) + "}}]}", null)));
        }
        body.append(event(chunk(model.upstream(), "{}", "\"tool_calls\"")));
        body.append(event("""
                {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1732300000,"model":"%s","choices":[],\
                "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}""".formatted(
                model.upstream(), promptTokens, completionTokens, promptTokens + completionTokens)));
        body.append("data: [DONE]\n\n");
        stub(model, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString()));
    }

    /** A finished completion in which the assistant calls {@code tool} with {@code argumentsJson}. */
    public void answersToolCall(TestGateway.Model model, String tool, String argumentsJson, long promptTokens,
                                long completionTokens) {
        stub(model, aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id": "chatcmpl-T1", "object": "chat.completion", "created": 1732300000, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": [
                     {"id": "call_Xk29", "type": "function", "function": {"name": "%s", "arguments": %s}}]},
                   "finish_reason": "tool_calls"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}""".formatted(
                model.upstream(), tool, WireJson.write(argumentsJson),
                promptTokens, completionTokens, promptTokens + completionTokens)));
    }

    /** One content chunk, then an OpenAI-style error event in place of the rest of the stream. */
    public void streamsThenBreaks(TestGateway.Model model, String text) {
        stub(model, aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(
                event(chunk(model.upstream(), "{\"content\":\"" + text + "\"}", null))
                        + event("{\"error\": {\"message\": \"The server had an error while processing your request.\","
                        + " \"type\": \"server_error\"}}")));
    }

    private void stub(TestGateway.Model model, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo(path(model.provider())))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model.upstream())))
                .willReturn(response));
    }

    /** How many calls reached {@code model}'s upstream. */
    public int calls(TestGateway.Model model) {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo(path(model.provider())))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model.upstream()))).build()).getCount();
    }

    /** The bodies the upstream of {@code model} received. */
    public List<String> bodies(TestGateway.Model model) {
        List<String> bodies = new ArrayList<>();
        server.findAll(postRequestedFor(urlEqualTo(path(model.provider())))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model.upstream()))))
                .forEach(r -> bodies.add(r.getBodyAsString()));
        return bodies;
    }

    public List<String> authorizationHeaders(TestGateway.Model model) {
        List<String> values = new ArrayList<>();
        server.findAll(postRequestedFor(urlEqualTo(path(model.provider()))))
                .forEach(r -> values.add(r.getHeader("Authorization")));
        return values;
    }

    public void reset() {
        server.resetAll();
    }

    static String completion(String model, String text, long promptTokens, long completionTokens) {
        return completion(model, text, promptTokens, completionTokens, 0);
    }

    static String completion(String model, String text, long promptTokens, long completionTokens, long cachedTokens) {
        return """
                {"id": "chatcmpl-Bx7q2", "object": "chat.completion", "created": 1732300000, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s", "refusal": null},
                              "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d,
                           "prompt_tokens_details": {"cached_tokens": %d}},
                 "system_fingerprint": "fp_test"}""".formatted(model, text, promptTokens, completionTokens,
                promptTokens + completionTokens, cachedTokens);
    }

    private static String chunk(String model, String delta, String finishReason) {
        return """
                {"id":"chatcmpl-s1","object":"chat.completion.chunk","created":1732300000,"model":"%s",\
                "choices":[{"index":0,"delta":%s,"finish_reason":%s}]}""".formatted(model, delta, finishReason);
    }

    private static String event(String json) {
        return "data: " + json + "\n\n";
    }
}
