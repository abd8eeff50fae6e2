package dev.tollgate.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChunkSink;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ToolCall;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's stream events (https://docs.anthropic.com/en/docs/build-with-claude/streaming) as
 * OpenAI chunks: {@code message_start} → the role chunk; a {@code tool_use} block's start → a
 * tool-call delta with id and name; {@code text_delta} → content; {@code input_json_delta} →
 * argument fragments of that call; {@code message_delta} → the finish reason; {@code message_stop}
 * → a usage-only chunk. {@code ping} and {@code content_block_stop} carry nothing a client needs;
 * an {@code error} event is a failure.
 */
final class MessagesStream {
    private final ProviderEndpoint endpoint;
    private final ChunkSink sink;
    private final long created = Instant.now().getEpochSecond();
    // content block index → the OpenAI tool-call index (tool calls are numbered on their own)
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private String id = "";
    private String model = "";
    private JsonNode startUsage;
    private ObjectNode usage;
    private boolean finished;

    MessagesStream(ProviderEndpoint endpoint, ChunkSink sink) {
        this.endpoint = endpoint;
        this.sink = sink;
    }

    void accept(JsonNode event) throws ProviderException {
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = message.path("id").asText();
                model = message.path("model").asText();
                startUsage = message.path("usage");
                emit(new ChatMessage("assistant", "", null, null, null, null), null);
            }
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if ("tool_use".equals(block.path("type").asText())) {
                    int toolIndex = toolIndexByBlock.size();
                    toolIndexByBlock.put(event.path("index").asInt(), toolIndex);
                    emit(toolDelta(new ToolCall(toolIndex, block.path("id").asText(), "function",
                            new ToolCall.FunctionCall(block.path("name").asText(), ""))), null);
                } else if ("text".equals(block.path("type").asText()) && !block.path("text").asText().isEmpty()) {
                    emit(ChatMessage.of(null, block.path("text").asText()), null);
                }
            }
            case "content_block_delta" -> delta(event.path("index").asInt(), event.path("delta"));
            case "message_delta" -> {
                usage = merged(event.path("usage"));
                String finish = MessagesResponse.finishReason(event.path("delta").path("stop_reason").asText(null));
                if (finish != null) {
                    emit(new ChatMessage(null, null, null, null, null, null), finish);
                }
            }
            case "message_stop" -> {
                finished = true;
                JsonNode total = usage != null ? usage : startUsage;
                if (total != null && !total.isMissingNode()) {
                    sink.accept(new ChatChunk(id, "chat.completion.chunk", created, model, List.of(),
                            MessagesResponse.usage(total), null));
                }
            }
            case "error" -> throw new ProviderException(AnthropicErrors.streamError(endpoint, event));
            default -> {
                // ping, content_block_stop, and event types added later: nothing to tell the client
            }
        }
    }

    /** Whether {@code message_stop} was seen. */
    boolean finished() {
        return finished;
    }

    /** The upstream closed the stream: without {@code message_stop} the answer is cut short. */
    void end() throws ProviderException {
        if (!finished) {
            throw new ProviderException(AnthropicErrors.cutShort(endpoint));
        }
    }

    private void delta(int blockIndex, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> emit(ChatMessage.of(null, delta.path("text").asText()), null);
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(blockIndex);
                if (toolIndex != null) {
                    emit(toolDelta(new ToolCall(toolIndex, null, null,
                            new ToolCall.FunctionCall(null, delta.path("partial_json").asText()))), null);
                }
            }
            default -> {
                // thinking_delta, signature_delta, citations_delta: not part of a chat completion
            }
        }
    }

    /** message_delta's usage is cumulative but may omit the input counts given in message_start. */
    private ObjectNode merged(JsonNode deltaUsage) {
        ObjectNode total = startUsage != null && startUsage.isObject() ? ((ObjectNode) startUsage).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        deltaUsage.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                total.set(field.getKey(), field.getValue());
            }
        });
        return total;
    }

    private static ChatMessage toolDelta(ToolCall call) {
        return new ChatMessage(null, null, null, List.of(call), null, null);
    }

    private void emit(ChatMessage delta, String finishReason) {
        sink.accept(new ChatChunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatChunk.Choice(0, delta, finishReason, null)), null, null));
    }
}
