package dev.tollgate.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChunkSink;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ToolCall;

import java.time.Instant;
import java.util.List;

/**
 * {@code streamGenerateContent?alt=sse} events (each a partial GenerateContentResponse) as OpenAI
 * chunks: a role chunk first, then each text part as content, each functionCall part as a complete
 * tool-call delta with its own index, the candidate's finishReason as the finish chunk, and the last
 * usageMetadata as a usage-only chunk at the end.
 */
final class GeminiStream {
    private final ProviderEndpoint endpoint;
    private final String upstreamModel;
    private final ChunkSink sink;
    private final long created = Instant.now().getEpochSecond();
    private String id;
    private String model;
    private JsonNode usage;
    private int toolCalls;
    private boolean finished;

    GeminiStream(ProviderEndpoint endpoint, String upstreamModel, ChunkSink sink) {
        this.endpoint = endpoint;
        this.upstreamModel = upstreamModel;
        this.sink = sink;
    }

    void accept(JsonNode event) throws ProviderException {
        if (event.has("error")) {
            throw new ProviderException(GeminiErrors.streamError(endpoint, event));
        }
        if (id == null) {
            GeminiResponse.requireCandidates(endpoint, event);
            id = GeminiResponse.id(event);
            model = GeminiResponse.model(event, upstreamModel);
            emit(new ChatMessage("assistant", "", null, null, null, null), null);
        }
        if (event.has("usageMetadata")) {
            usage = event.path("usageMetadata");
        }
        JsonNode candidate = event.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            if (part.has("text") && !part.path("text").asText().isEmpty()) {
                emit(ChatMessage.of(null, part.path("text").asText()), null);
            } else if (part.has("functionCall")) {
                ToolCall call = GeminiResponse.toolCall(part.path("functionCall"), toolCalls++);
                emit(new ChatMessage(null, null, null, List.of(call), null, null), null);
            }
        }
        String finish = GeminiResponse.finishReason(candidate.path("finishReason").asText(null), toolCalls > 0);
        if (finish != null && !finished) {
            finished = true;
            emit(new ChatMessage(null, null, null, null, null, null), finish);
        }
    }

    /** The stream ended: the usage goes out last; without a finishReason the answer was cut short. */
    void end() throws ProviderException {
        if (!finished) {
            throw new ProviderException(GeminiErrors.cutShort(endpoint));
        }
        if (usage != null) {
            sink.accept(new ChatChunk(id, "chat.completion.chunk", created, model, List.of(),
                    GeminiResponse.usage(usage), null));
        }
    }

    private void emit(ChatMessage delta, String finishReason) {
        sink.accept(new ChatChunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatChunk.Choice(0, delta, finishReason, null)), null, null));
    }
}
