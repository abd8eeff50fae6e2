package dev.tollgate.plugins.gemini;

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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Google AI Studio's native Gemini API (https://ai.google.dev/api/generate-content):
 * {@code models/{model}:generateContent}, and {@code :streamGenerateContent?alt=sse} for streams,
 * authenticated with {@code x-goog-api-key}. The canonical request becomes contents and parts
 * ({@link GeminiRequest}); answers become completions and chunks ({@link GeminiResponse},
 * {@link GeminiStream}); errors the closed set of failures ({@link GeminiErrors}).
 */
@Extension
public final class GeminiAdapter implements ProviderAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamHttp http = new UpstreamHttp();

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public ChatResponse complete(ProviderCall call) throws ProviderException {
        HttpResponse<String> response = send(call, false, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(GeminiErrors.failure(call.endpoint(), response.statusCode(), response.body()));
        }
        JsonNode answer = parse(call.endpoint(), response.body());
        GeminiResponse.requireCandidates(call.endpoint(), answer);
        return GeminiResponse.toCompletion(answer, call.upstreamModel());
    }

    @Override
    public void stream(ProviderCall call, ChunkSink sink) throws ProviderException {
        HttpResponse<InputStream> response = send(call, true, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new ProviderException(GeminiErrors.failure(call.endpoint(), response.statusCode(),
                        new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
            }
            GeminiStream stream = new GeminiStream(call.endpoint(), call.upstreamModel(), sink);
            SseEvents events = new SseEvents(call.endpoint(), body);
            for (String data = events.next(); data != null; data = events.next()) {
                stream.accept(parse(call.endpoint(), data));
            }
            stream.end();
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 0,
                    "the stream from " + call.endpoint().provider() + " broke off: " + e.getMessage()), e);
        }
    }

    /** {@code GET <base>/models} (https://ai.google.dev/api/models#method:-models.list): {@code {"models": [{"name": "models/…"}]}}. */
    @Override
    public List<String> listModels(ProviderEndpoint endpoint) throws ProviderException {
        String base = endpoint.baseUrl().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1)
                : base) + "/models?pageSize=1000")).timeout(endpoint.timeout()).GET();
        if (endpoint.apiKey() != null) {
            request.header("x-goog-api-key", endpoint.apiKey().reveal());
        }
        endpoint.headers().forEach(request::header);
        HttpResponse<String> response = http.send(endpoint, request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new ProviderException(GeminiErrors.failure(endpoint, response.statusCode(), response.body()));
        }
        JsonNode models = parse(endpoint, response.body()).path("models");
        if (!models.isArray()) {
            throw new ProviderException(GeminiErrors.notGemini(endpoint, response.statusCode(), response.body()));
        }
        List<String> ids = new ArrayList<>();
        models.forEach(model -> ids.add(model.path("name").asText().replaceFirst("^models/", "")));
        return ids;
    }

    private <T> HttpResponse<T> send(ProviderCall call, boolean stream, HttpResponse.BodyHandler<T> handler)
            throws ProviderException {
        ProviderEndpoint endpoint = call.endpoint();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(endpoint.baseUrl(), call.upstreamModel(), stream))
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GeminiRequest.of(call)));
        if (endpoint.apiKey() != null) {
            // A header, not ?key=: URLs end up in logs.
            request.header("x-goog-api-key", endpoint.apiKey().reveal());
        }
        endpoint.headers().forEach(request::header);
        return http.send(endpoint, request.build(), handler);
    }

    /** {@code <base>/models/<model>:generateContent}, or {@code :streamGenerateContent?alt=sse}. */
    static URI endpoint(URI baseUrl, String model, boolean stream) {
        String base = baseUrl.toString();
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/models/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8) + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
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
        throw new ProviderException(GeminiErrors.notGemini(endpoint, 200, json));
    }
}
