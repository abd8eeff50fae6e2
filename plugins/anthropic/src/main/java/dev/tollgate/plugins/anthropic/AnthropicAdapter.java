package dev.tollgate.plugins.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ChunkSink;
import dev.tollgate.spi.ProviderAdapter;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.SseEvents;
import dev.tollgate.spi.UpstreamHttp;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, https://docs.anthropic.com/en/api/messages):
 * the canonical OpenAI-shaped request becomes a Messages request ({@link MessagesRequest}), the
 * answer and its server-sent events become a completion and chunks ({@link MessagesResponse},
 * {@link MessagesStream}), and errors the closed set of failures ({@link AnthropicErrors}).
 */
@Extension
public final class AnthropicAdapter implements ProviderAdapter {
    /** The API version this translation follows (sent as {@code anthropic-version}). */
    static final String API_VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamHttp http = new UpstreamHttp();

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public ChatResponse complete(ProviderCall call) throws ProviderException {
        HttpResponse<String> response = send(call, false, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(AnthropicErrors.failure(call.endpoint(), response.statusCode(), response.body(),
                    response.headers()));
        }
        JsonNode message = parse(call.endpoint(), response.body());
        if (!"message".equals(message.path("type").asText()) || !message.path("content").isArray()) {
            throw new ProviderException(AnthropicErrors.notMessages(call.endpoint(), response.statusCode(), response.body()));
        }
        return MessagesResponse.toCompletion(message);
    }

    @Override
    public void stream(ProviderCall call, ChunkSink sink) throws ProviderException {
        HttpResponse<InputStream> response = send(call, true, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new ProviderException(AnthropicErrors.failure(call.endpoint(), response.statusCode(),
                        new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8), response.headers()));
            }
            MessagesStream stream = new MessagesStream(call.endpoint(), sink);
            SseEvents events = new SseEvents(call.endpoint(), body);
            for (String data = events.next(); data != null && !stream.finished(); data = events.next()) {
                stream.accept(parse(call.endpoint(), data));
            }
            stream.end();
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 0,
                    "the stream from " + call.endpoint().provider() + " broke off: " + e.getMessage()), e);
        }
    }

    /** {@code GET <base>/models} (https://docs.anthropic.com/en/api/models-list): {@code {"data": [{"id": …}]}}. */
    @Override
    public List<String> listModels(ProviderEndpoint endpoint) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(relative(endpoint.baseUrl(), "/models?limit=1000"))
                .timeout(endpoint.timeout()).header("anthropic-version", API_VERSION).GET();
        if (endpoint.apiKey() != null) {
            request.header("x-api-key", endpoint.apiKey().reveal());
        }
        endpoint.headers().forEach(request::header);
        HttpResponse<String> response = http.send(endpoint, request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(AnthropicErrors.failure(endpoint, response.statusCode(), response.body(),
                    response.headers()));
        }
        JsonNode data = parse(endpoint, response.body()).path("data");
        if (!data.isArray()) {
            throw new ProviderException(AnthropicErrors.notMessages(endpoint, response.statusCode(), response.body()));
        }
        List<String> ids = new ArrayList<>();
        data.forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }

    private <T> HttpResponse<T> send(ProviderCall call, boolean stream, HttpResponse.BodyHandler<T> handler)
            throws ProviderException {
        ProviderEndpoint endpoint = call.endpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(messages(endpoint.baseUrl()))
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("anthropic-version", API_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(MessagesRequest.of(call, stream)));
        if (endpoint.apiKey() != null) {
            request.header("x-api-key", endpoint.apiKey().reveal());
        }
        endpoint.headers().forEach(request::header);
        return http.send(endpoint, request.build(), handler);
    }

    static URI messages(URI baseUrl) {
        return relative(baseUrl, "/messages");
    }

    private static URI relative(URI baseUrl, String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static JsonNode parse(ProviderEndpoint endpoint, String json) throws ProviderException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // not JSON: reported below
        }
        throw new ProviderException(AnthropicErrors.notMessages(endpoint, 200, json));
    }
}
