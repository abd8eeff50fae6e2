package dev.tollgate.engine.ingress;

import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.Usage;

import java.util.Map;

/** {@code POST /v1/chat/completions}: the canonical format itself, passed through. */
public final class ChatCompletionsApi implements WireApi {
    public static final ChatCompletionsApi INSTANCE = new ChatCompletionsApi();

    private ChatCompletionsApi() {
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public ChatRequest parse(byte[] body, long maxBodyBytes, String defaultModel) throws ApiError {
        return ParseChatRequest.parse(body, maxBodyBytes, defaultModel);
    }

    @Override
    public String reply(ChatRequest request, ChatResponse response, Usage usage) {
        return WireJson.write(response);
    }

    @Override
    public String error(ApiError error) {
        return error.toJson();
    }

    @Override
    public StreamWriter streamWriter(SseStream client, ChatRequest request) {
        // The upstream is always asked for usage; the client sees that chunk only if it asked too.
        boolean clientWantsUsage = request.extra().get("stream_options") instanceof Map<?, ?> options
                && Boolean.TRUE.equals(options.get("include_usage"));
        return new StreamWriter() {
            @Override
            public void chunk(ChatChunk chunk) {
                if (!chunk.usageOnly() || clientWantsUsage) {
                    client.send(WireJson.write(chunk));
                }
            }

            @Override
            public void done(Usage usage, Map<String, String> trailers) {
                client.done(trailers);
            }

            @Override
            public void fail(String message) {
                client.fail(WireJson.write(Map.of("error", Map.of("message", message, "type", "upstream_error",
                        "code", "stream_interrupted"))));
            }
        };
    }
}
