package dev.tollgate.engine.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical chunks as the Responses API's stream: {@code response.created}, then per output item
 * {@code response.output_item.added}, its deltas ({@code response.output_text.delta} or
 * {@code response.function_call_arguments.delta}) and {@code response.output_item.done}, then
 * {@code response.completed} with the whole response and its usage. Codex CLI builds its history
 * from the {@code output_item.done} items and reads usage from {@code response.completed}.
 */
final class ResponsesStreamWriter implements StreamWriter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SseStream client;
    private final ChatRequest request;
    private final String responseId = ResponsesApi.newId("resp_");
    private final long createdAt = Instant.now().getEpochSecond();
    private final ArrayNode output = JSON.arrayNode();
    private final Map<Integer, FunctionCall> calls = new LinkedHashMap<>();
    private String model;
    private int sequence;
    private boolean started;
    private String messageId;
    private int messageIndex;
    private StringBuilder text;

    /** A function call being streamed: its place in the output and the arguments so far. */
    private static final class FunctionCall {
        final String id = ResponsesApi.newId("fc_");
        final int index;
        final String callId;
        final String name;
        final StringBuilder arguments = new StringBuilder();
        boolean done;

        FunctionCall(int index, String callId, String name) {
            this.index = index;
            this.callId = callId;
            this.name = name;
        }
    }

    ResponsesStreamWriter(SseStream client, ChatRequest request) {
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
            if (choice.index() != 0 || choice.delta() == null) {
                continue;
            }
            if (choice.delta().content() instanceof String delta && !delta.isEmpty()) {
                if (text == null) {
                    openMessage();
                }
                text.append(delta);
                event(base("response.output_text.delta").put("item_id", messageId).put("output_index", messageIndex)
                        .put("content_index", 0).put("delta", delta).set("logprobs", JSON.arrayNode()));
            }
            if (choice.delta().toolCalls() != null) {
                for (ToolCall call : choice.delta().toolCalls()) {
                    toolCall(call);
                }
            }
        }
    }

    private void start(String upstreamModel) {
        if (started) {
            return;
        }
        started = true;
        model = upstreamModel != null ? upstreamModel : request.model();
        ObjectNode response = ResponsesApi.response(responseId, createdAt, model, "in_progress", JSON.arrayNode(), null);
        event(base("response.created").set("response", response));
        event(base("response.in_progress").set("response", response));
    }

    private void openMessage() {
        closeMessage();
        text = new StringBuilder();
        messageId = ResponsesApi.newId("msg_");
        messageIndex = output.size();
        output.add(JSON.nullNode());
        ObjectNode item = JSON.objectNode().put("type", "message").put("id", messageId).put("status", "in_progress")
                .put("role", "assistant");
        item.putArray("content");
        event(base("response.output_item.added").put("output_index", messageIndex).set("item", item));
        event(base("response.content_part.added").put("item_id", messageId).put("output_index", messageIndex)
                .put("content_index", 0).set("part", ResponsesApi.outputText("")));
    }

    private void closeMessage() {
        if (text == null) {
            return;
        }
        String whole = text.toString();
        event(base("response.output_text.done").put("item_id", messageId).put("output_index", messageIndex)
                .put("content_index", 0).put("text", whole).set("logprobs", JSON.arrayNode()));
        event(base("response.content_part.done").put("item_id", messageId).put("output_index", messageIndex)
                .put("content_index", 0).set("part", ResponsesApi.outputText(whole)));
        ObjectNode item = ResponsesApi.messageItem(messageId, whole, "completed");
        output.set(messageIndex, item);
        event(base("response.output_item.done").put("output_index", messageIndex).set("item", item));
        text = null;
    }

    private void toolCall(ToolCall delta) {
        int key = delta.index() == null ? 0 : delta.index();
        FunctionCall call = calls.get(key);
        if (call == null) {
            closeMessage();
            String name = delta.function() == null ? null : delta.function().name();
            call = new FunctionCall(output.size(), delta.id() != null ? delta.id() : ResponsesApi.newId("call_"),
                    name == null ? "" : name);
            calls.put(key, call);
            output.add(JSON.nullNode());
            event(base("response.output_item.added").put("output_index", call.index).set("item",
                    ResponsesApi.functionCallItem(call.id, call.callId, call.name, "", "in_progress")));
        }
        String arguments = delta.function() == null ? null : delta.function().arguments();
        if (arguments != null && !arguments.isEmpty()) {
            call.arguments.append(arguments);
            event(base("response.function_call_arguments.delta").put("item_id", call.id).put("output_index", call.index)
                    .put("delta", arguments));
        }
    }

    private void closeCalls() {
        for (FunctionCall call : calls.values()) {
            if (call.done) {
                continue;
            }
            call.done = true;
            String arguments = call.arguments.toString();
            event(base("response.function_call_arguments.done").put("item_id", call.id).put("output_index", call.index)
                    .put("name", call.name).put("arguments", arguments));
            ObjectNode item = ResponsesApi.functionCallItem(call.id, call.callId, call.name, arguments, "completed");
            output.set(call.index, item);
            event(base("response.output_item.done").put("output_index", call.index).set("item", item));
        }
    }

    @Override
    public void done(Usage usage, Map<String, String> trailers) {
        start(null);
        closeMessage();
        closeCalls();
        event(base("response.completed").set("response",
                ResponsesApi.response(responseId, createdAt, model, "completed", output, usage)));
        client.end(trailers);
    }

    @Override
    public void fail(String message) {
        start(null);
        ObjectNode response = ResponsesApi.response(responseId, createdAt, model, "failed", JSON.arrayNode(), null);
        response.putObject("error").put("code", "server_error").put("message", message);
        client.failWith("response.failed", WireJson.write(base("response.failed").set("response", response)));
    }

    private ObjectNode base(String type) {
        return JSON.objectNode().put("type", type).put("sequence_number", sequence++);
    }

    private void event(ObjectNode data) {
        client.event(data.path("type").asText(), WireJson.write(data));
    }
}
