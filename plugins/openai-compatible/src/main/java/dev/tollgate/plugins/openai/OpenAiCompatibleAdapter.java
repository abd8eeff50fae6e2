package dev.tollgate.plugins.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ChunkSink;
import dev.tollgate.spi.ProviderAdapter;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.RateLimitStatus;
import dev.tollgate.spi.SseEvents;
import dev.tollgate.spi.UpstreamHttp;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any upstream that speaks OpenAI Chat Completions: OpenAI itself, Google AI Studio's OpenAI
 * endpoint, OpenRouter, Groq, DeepSeek, and local servers (vLLM, llama.cpp, Ollama). The canonical
 * records already carry the OpenAI field names, so translation is the upstream's model id and,
 * for streams, a request for the final usage chunk.
 */
@Extension
public final class OpenAiCompatibleAdapter implements ProviderAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GARBAGE_SHOWN = 200;
    private final UpstreamHttp http = new UpstreamHttp();

    @Override
    public String id() {
        return "openai-compatible";
    }

    @Override
    public ChatResponse complete(ProviderCall call) throws ProviderException {
        HttpResponse<String> response = send(call, false, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(UpstreamErrors.failure(call.endpoint(), response.statusCode(), response.body(),
                    response.headers()));
        }
        return completion(call.endpoint(), response.statusCode(), response.body());
    }

    @Override
    public void stream(ProviderCall call, ChunkSink sink) throws ProviderException {
        HttpResponse<InputStream> response = send(call, true, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new ProviderException(UpstreamErrors.failure(call.endpoint(), response.statusCode(),
                        new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8), response.headers()));
            }
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                // Some local servers ignore "stream": the whole answer becomes one chunk.
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                sink.accept(asChunk(completion(call.endpoint(), response.statusCode(), text)));
                return;
            }
            SseEvents events = new SseEvents(call.endpoint(), body);
            boolean finished = false;
            for (String data = events.next(); !"[DONE]".equals(data);
                 data = events.next()) {
                if (data == null) {
                    if (finished) {
                        return;
                    }
                    // A body that ends without a finish_reason (or usage, or [DONE]) is a cut answer, not a short one.
                    throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 200,
                            "the stream from " + call.endpoint().provider() + " ended before its last event"));
                }
                ChatChunk chunk = chunk(call.endpoint(), data);
                finished |= chunk.usage() != null
                        || chunk.choices() != null && chunk.choices().stream().anyMatch(c -> c.finishReason() != null);
                sink.accept(chunk);
            }
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 0,
                    "the stream from " + call.endpoint().provider() + " broke off: " + e.getMessage()), e);
        }
    }

    /** {@code GET <base>/models}: {@code {"object": "list", "data": [{"id": …}, …]}}. */
    @Override
    public List<String> listModels(ProviderEndpoint endpoint) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(relative(endpoint.baseUrl(), "/models"))
                .timeout(endpoint.timeout()).header("Accept", "application/json").GET();
        if (endpoint.apiKey() != null) {
            request.header("Authorization", "Bearer " + endpoint.apiKey().reveal());
        }
        endpoint.headers().forEach(request::header);
        HttpResponse<String> response = http.send(endpoint, request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(UpstreamErrors.failure(endpoint, response.statusCode(), response.body(), response.headers()));
        }
        try {
            JsonNode data = JSON.readTree(response.body()).path("data");
            if (data.isArray()) {
                List<String> ids = new java.util.ArrayList<>();
                data.forEach(model -> ids.add(model.path("id").asText()));
                return ids;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, response.statusCode(),
                endpoint.provider() + " answered GET /models with something that is not a models list: "
                        + UpstreamErrors.redact(endpoint, shorten(response.body()))));
    }

    private <T> HttpResponse<T> send(ProviderCall call, boolean stream, HttpResponse.BodyHandler<T> handler)
            throws ProviderException {
        ProviderEndpoint endpoint = call.endpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(chatCompletions(endpoint.baseUrl()))
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(call, stream)));
        if (endpoint.apiKey() != null) {
            request.header("Authorization", "Bearer " + endpoint.apiKey().reveal());
        }
        endpoint.headers().forEach(request::header);
        HttpResponse<T> response = http.send(endpoint, request.build(), handler);
        RateLimitStatus limits = UpstreamErrors.rateLimits(response.headers());
        if (limits != null) {
            call.rateLimits().accept(limits);
        }
        return response;
    }

    static URI chatCompletions(URI baseUrl) {
        return relative(baseUrl, "/chat/completions");
    }

    private static URI relative(URI baseUrl, String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static String body(ProviderCall call, boolean stream) throws ProviderException {
        ChatRequest request = call.request().withModel(call.upstreamModel());
        if (stream) {
            Map<String, Object> options = new LinkedHashMap<>();
            if (request.extra().get("stream_options") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> options.put(String.valueOf(k), v));
            }
            options.put("include_usage", true);
            request = request.withExtra("stream_options", options);
        }
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                    "the request cannot be written as JSON: " + e.getOriginalMessage()), e);
        }
    }

    private static ChatResponse completion(ProviderEndpoint endpoint, int status, String body) throws ProviderException {
        try {
            ChatResponse response = JSON.readValue(body, ChatResponse.class);
            if (response.choices() != null) {
                return response;
            }
        } catch (JsonProcessingException e) {
            // handled below: the body is not a completion
        }
        throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, status,
                endpoint.provider() + " answered with something that is not an OpenAI chat completion: "
                        + UpstreamErrors.redact(endpoint, shorten(body))));
    }

    private static ChatChunk chunk(ProviderEndpoint endpoint, String data) throws ProviderException {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 200,
                    endpoint.provider() + " sent a stream event that is not JSON: " + UpstreamErrors.redact(endpoint, shorten(data))));
        }
        if (node.has("error")) {
            throw new ProviderException(UpstreamErrors.streamError(endpoint, node));
        }
        try {
            return JSON.treeToValue(node, ChatChunk.class);
        } catch (JsonProcessingException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 200,
                    endpoint.provider() + " sent a stream event that is not a chat completion chunk: "
                            + UpstreamErrors.redact(endpoint, shorten(data))), e);
        }
    }

    private static ChatChunk asChunk(ChatResponse response) {
        List<ChatChunk.Choice> choices = response.choices().stream()
                .map(c -> new ChatChunk.Choice(c.index(), c.message(), c.finishReason(), null)).toList();
        return new ChatChunk(response.id(), "chat.completion.chunk", response.created(), response.model(), choices,
                response.usage(), null);
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.strip();
        return oneLine.length() <= GARBAGE_SHOWN ? oneLine : oneLine.substring(0, GARBAGE_SHOWN) + "…";
    }
}
