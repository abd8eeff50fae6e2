package dev.tollgate.engine.ingress;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Canonical chunks as Anthropic's stream: {@code message_start}, then per content block
 * {@code content_block_start}, its {@code content_block_delta}s ({@code text_delta} or
 * {@code input_json_delta}) and {@code content_block_stop}, then {@code message_delta} with the
 * stop reason and usage, and {@code message_stop}
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming).
 */
final class AnthropicStreamWriter implements StreamWriter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SseStream client;
    private final ChatRequest request;
    private final Map<Integer, Integer> blockOfToolCall = new HashMap<>();
    private boolean started;
    private int blocks;
    private int openBlock = -1;
    private boolean openIsText;
    private String finishReason;

    AnthropicStreamWriter(SseStream client, ChatRequest request) {
        this.client = client;
        this.request = request;
    }

    @Override
    public void chunk(ChatChunk chunk) {
        start(chunk.model());
        if (chunk.choices() == null) {
            return;
        }
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            if (choice.delta() != null) {
                if (choice.delta().content() instanceof String text && !text.isEmpty()) {
                    if (openBlock < 0 || !openIsText) {
                        openBlock(JSON.objectNode().put("type", "text").put("text", ""), true);
                    }
                    delta(JSON.objectNode().put("type", "text_delta").put("text", text));
                }
                if (choice.delta().toolCalls() != null) {
                    for (ToolCall call : choice.delta().toolCalls()) {
                        toolCall(call);
                    }
                }
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    private void toolCall(ToolCall call) {
        int key = call.index() == null ? 0 : call.index();
        Integer block = blockOfToolCall.get(key);
        if (block == null) {
            String name = call.function() == null ? null : call.function().name();
            openBlock(JSON.objectNode().put("type", "tool_use")
                    .put("id", call.id() != null ? call.id() : "toolu_" + UUID.randomUUID().toString().replace("-", ""))
                    .put("name", name == null ? "" : name).set("input", JSON.objectNode()), false);
            blockOfToolCall.put(key, openBlock);
            block = openBlock;
        }
        String arguments = call.function() == null ? null : call.function().arguments();
        if (arguments != null && !arguments.isEmpty() && block == openBlock) {
            delta(JSON.objectNode().put("type", "input_json_delta").put("partial_json", arguments));
        }
    }

    private void start(String model) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = JSON.objectNode();
        message.put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model != null ? model : request.model());
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        // The prompt's size is only known for sure at the end; message_delta carries the final count.
        message.set("usage", AnthropicMessagesApi.usage(TokenEstimate.of(request), 0));
        event("message_start", JSON.objectNode().put("type", "message_start").set("message", message));
    }

    private void openBlock(ObjectNode contentBlock, boolean text) {
        closeBlock();
        openBlock = blocks++;
        openIsText = text;
        event("content_block_start", JSON.objectNode().put("type", "content_block_start").put("index", openBlock)
                .set("content_block", contentBlock));
    }

    private void closeBlock() {
        if (openBlock >= 0) {
            event("content_block_stop", JSON.objectNode().put("type", "content_block_stop").put("index", openBlock));
            openBlock = -1;
        }
    }

    private void delta(ObjectNode delta) {
        event("content_block_delta", JSON.objectNode().put("type", "content_block_delta").put("index", openBlock)
                .set("delta", delta));
    }

    @Override
    public void done(Usage usage, Map<String, String> trailers) {
        start(null);
        closeBlock();
        ObjectNode delta = JSON.objectNode().put("stop_reason",
                AnthropicMessagesApi.stopReason(finishReason, !blockOfToolCall.isEmpty()));
        delta.putNull("stop_sequence");
        event("message_delta", JSON.objectNode().put("type", "message_delta").<ObjectNode>set("delta", delta)
                .set("usage", AnthropicMessagesApi.usage(usage.promptTokens(), usage.completionTokens())));
        event("message_stop", JSON.objectNode().put("type", "message_stop"));
        client.end(trailers);
    }

    @Override
    public void fail(String message) {
        client.failWith("error", WireJson.write(JSON.objectNode().put("type", "error").set("error",
                JSON.objectNode().put("type", "api_error").put("message", message))));
    }

    private void event(String name, ObjectNode data) {
        client.event(name, WireJson.write(data));
    }
}
