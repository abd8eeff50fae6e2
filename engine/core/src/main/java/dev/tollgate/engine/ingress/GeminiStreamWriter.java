package dev.tollgate.engine.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical chunks as {@code streamGenerateContent?alt=sse}: one GenerateContentResponse per
 * {@code data:} event, as Google sends them. Text goes out as it arrives; Gemini sends a function
 * call whole (its {@code args} an object), so the argument fragments of a streamed tool call are
 * gathered and the calls sent in the last event, with the finish reason and usageMetadata. No
 * {@code [DONE]} marker: Google's stream just ends.
 */
final class GeminiStreamWriter implements StreamWriter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SseStream client;
    private final ChatRequest request;
    private final String responseId = GeminiApi.responseId(null);
    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private String model;
    private String finishReason;

    /** A tool call being streamed: its id, name and the arguments so far. */
    private static final class Call {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    GeminiStreamWriter(SseStream client, ChatRequest request) {
        this.client = client;
        this.request = request;
    }

    @Override
    public void chunk(ChatChunk chunk) {
        if (model == null && chunk.model() != null) {
            model = chunk.model();
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            if (choice.delta() != null) {
                if (choice.delta().content() instanceof String text && !text.isEmpty()) {
                    send(JSON.arrayNode().add(JSON.objectNode().put("text", text)), null, null);
                }
                if (choice.delta().toolCalls() != null) {
                    choice.delta().toolCalls().forEach(this::toolCall);
                }
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    private void toolCall(ToolCall delta) {
        Call call = calls.computeIfAbsent(delta.index() == null ? 0 : delta.index(), i -> new Call());
        if (delta.id() != null) {
            call.id = delta.id();
        }
        if (delta.function() != null) {
            if (delta.function().name() != null && !delta.function().name().isEmpty()) {
                call.name = delta.function().name();
            }
            if (delta.function().arguments() != null) {
                call.arguments.append(delta.function().arguments());
            }
        }
    }

    @Override
    public void done(Usage usage, Map<String, String> trailers) {
        ArrayNode parts = JSON.arrayNode();
        for (Call call : calls.values()) {
            parts.add(GeminiApi.functionCall(call.id, new ToolCall.FunctionCall(call.name == null ? "" : call.name,
                    call.arguments.toString())));
        }
        if (parts.isEmpty()) {
            parts.add(JSON.objectNode().put("text", ""));
        }
        send(parts, GeminiApi.finishReason(finishReason), usage);
        client.end(trailers);
    }

    @Override
    public void fail(String message) {
        client.fail(WireJson.write(GeminiApi.errorBody(500, message)));
    }

    private void send(ArrayNode parts, String finish, Usage usage) {
        client.send(WireJson.write(GeminiApi.chunk(parts, finish, usage, model != null ? model : request.model(), responseId)));
    }
}
