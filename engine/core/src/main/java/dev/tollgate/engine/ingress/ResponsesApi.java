package dev.tollgate.engine.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /v1/responses}: the OpenAI Responses API, which Codex CLI requires of a custom
 * provider (https://platform.openai.com/docs/api-reference/responses). {@code instructions} and
 * {@code input} items (messages, {@code function_call}, {@code function_call_output}) become the
 * canonical conversation; {@code reasoning} items and options no chat upstream knows (store,
 * include, reasoning, text, prompt_cache_key) are dropped. Nothing is stored: every request
 * carries its whole conversation, as Codex sends it with {@code store: false}.
 */
public final class ResponsesApi implements WireApi {
    public static final ResponsesApi INSTANCE = new ResponsesApi();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponsesApi() {
    }

    @Override
    public String name() {
        return "responses";
    }

    @Override
    public ChatRequest parse(byte[] body, long maxBodyBytes, String defaultModel) throws ApiError {
        return ParseChatRequest.bind(canonical(ParseChatRequest.readObject(body, maxBodyBytes,
                "a JSON Responses API request"), defaultModel));
    }

    static ObjectNode canonical(ObjectNode in, String defaultModel) throws ApiError {
        ObjectNode out = JSON.objectNode();
        JsonNode model = in.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw invalid("model", "'model' must be a string");
        }
        out.put("model", model == null || model.isNull() ? defaultModel : model.asText());
        if (in.hasNonNull("previous_response_id")) {
            throw invalid("previous_response_id", "the gateway stores no responses: send the whole conversation in "
                    + "'input' (store: false) instead of previous_response_id");
        }
        ArrayNode messages = out.putArray("messages");
        if (in.hasNonNull("instructions")) {
            messages.add(message("system", in.get("instructions").asText()));
        }
        JsonNode input = in.get("input");
        if (input == null || input.isNull()) {
            throw invalid("input", "'input' is required: a string or an array of input items");
        }
        if (input.isTextual()) {
            messages.add(message("user", input.asText()));
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                addItem(messages, input.get(i), "input[" + i + "]");
            }
        } else {
            throw invalid("input", "'input' must be a string or an array of input items");
        }
        if (messages.isEmpty()) {
            throw invalid("input", "'input' holds no message the gateway can forward");
        }
        if (in.hasNonNull("max_output_tokens")) {
            out.set("max_tokens", in.get("max_output_tokens"));
        }
        for (String field : new String[] {"temperature", "top_p", "parallel_tool_calls", "user"}) {
            if (in.hasNonNull(field)) {
                out.set(field, in.get(field));
            }
        }
        JsonNode stream = in.get("stream");
        if (stream != null && !stream.isNull()) {
            if (!stream.isBoolean()) {
                throw invalid("stream", "'stream' must be true or false");
            }
            out.put("stream", stream.asBoolean());
        }
        tools(in, out);
        return out;
    }

    private static void addItem(ArrayNode messages, JsonNode item, String at) throws ApiError {
        if (!item.isObject()) {
            throw invalid(at, "'" + at + "' must be an input item object");
        }
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> addMessage(messages, item, at);
            case "function_call" -> {
                ObjectNode call = JSON.objectNode().put("id", item.path("call_id").asText()).put("type", "function");
                call.set("function", JSON.objectNode().put("name", item.path("name").asText())
                        .put("arguments", item.path("arguments").asText("{}")));
                JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
                // Parallel calls, and calls after the assistant's words, belong to one assistant message.
                if (last != null && last.path("role").asText().equals("assistant")) {
                    ObjectNode assistant = (ObjectNode) last;
                    (assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls") : assistant.putArray("tool_calls"))
                            .add(call);
                } else {
                    ObjectNode assistant = JSON.objectNode().put("role", "assistant").putNull("content");
                    assistant.putArray("tool_calls").add(call);
                    messages.add(assistant);
                }
            }
            case "function_call_output" -> {
                JsonNode output = item.get("output");
                ObjectNode tool = message("tool", output != null && output.isArray() ? partsText(output)
                        : output == null || output.isNull() ? "" : output.asText());
                tool.put("tool_call_id", item.path("call_id").asText());
                messages.add(tool);
            }
            // The model's reasoning summary: a chat upstream can do nothing with it.
            case "reasoning" -> {
            }
            default -> throw invalid(at + ".type", "input item type '" + type + "' is not supported (supported: "
                    + "message, function_call, function_call_output, reasoning)");
        }
    }

    private static void addMessage(ArrayNode messages, JsonNode item, String at) throws ApiError {
        String role = item.path("role").asText();
        // Not every upstream knows OpenAI's "developer" role; it means what "system" means.
        String canonicalRole = switch (role) {
            case "system", "developer" -> "system";
            case "user", "assistant" -> role;
            default -> throw invalid(at + ".role", "'" + at + ".role' must be user, assistant, system or developer, got '"
                    + role + "'");
        };
        JsonNode content = item.get("content");
        if (content == null || content.isNull() || content.isTextual()) {
            messages.add(message(canonicalRole, content == null || content.isNull() ? "" : content.asText()));
            return;
        }
        if (!content.isArray()) {
            throw invalid(at + ".content", "'" + at + ".content' must be a string or an array of content parts");
        }
        ArrayNode parts = JSON.arrayNode();
        boolean images = false;
        for (int p = 0; p < content.size(); p++) {
            JsonNode part = content.get(p);
            switch (part.path("type").asText()) {
                case "input_text", "output_text", "text" -> parts.add(JSON.objectNode().put("type", "text")
                        .put("text", part.path("text").asText()));
                case "refusal" -> parts.add(JSON.objectNode().put("type", "text").put("text", part.path("refusal").asText()));
                case "input_image" -> {
                    if (!part.hasNonNull("image_url")) {
                        throw invalid(at + ".content[" + p + "]", "an input_image needs an image_url (a URL or a data: URL);"
                                + " file ids are not supported");
                    }
                    ObjectNode url = JSON.objectNode().put("url", part.get("image_url").asText());
                    if (part.hasNonNull("detail")) {
                        url.put("detail", part.get("detail").asText());
                    }
                    parts.add(JSON.objectNode().put("type", "image_url").set("image_url", url));
                    images = true;
                }
                default -> throw invalid(at + ".content[" + p + "].type", "content part type '" + part.path("type").asText()
                        + "' is not supported (supported: input_text, input_image, output_text, refusal)");
            }
        }
        if (images && canonicalRole.equals("user")) {
            messages.add(JSON.objectNode().put("role", "user").set("content", parts));
        } else {
            messages.add(message(canonicalRole, partsText(parts)));
        }
    }

    private static String partsText(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.has("text")) {
                text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static void tools(ObjectNode in, ObjectNode out) throws ApiError {
        JsonNode tools = in.get("tools");
        if (tools != null && tools.isArray()) {
            ArrayNode functions = JSON.arrayNode();
            for (JsonNode tool : tools) {
                // Hosted tools (web_search, local_shell, custom grammars…) are OpenAI's own; a chat upstream can't run them.
                if (tool.path("type").asText().equals("function")) {
                    ObjectNode function = JSON.objectNode().put("name", tool.path("name").asText());
                    if (tool.hasNonNull("description")) {
                        function.put("description", tool.get("description").asText());
                    }
                    function.set("parameters", tool.hasNonNull("parameters") ? tool.get("parameters")
                            : JSON.objectNode().put("type", "object"));
                    functions.add(JSON.objectNode().put("type", "function").set("function", function));
                }
            }
            if (!functions.isEmpty()) {
                out.set("tools", functions);
            }
        }
        JsonNode choice = in.get("tool_choice");
        if (choice != null && out.has("tools")) {
            if (choice.isTextual()) {
                out.put("tool_choice", choice.asText());
            } else if (choice.path("type").asText().equals("function")) {
                out.set("tool_choice", JSON.objectNode().put("type", "function")
                        .set("function", JSON.objectNode().put("name", choice.path("name").asText())));
            }
        }
    }

    private static ObjectNode message(String role, String text) {
        return JSON.objectNode().put("role", role).put("content", text);
    }

    private static ApiError invalid(String param, String message) {
        return ApiError.invalidRequest("invalid_request", param, message);
    }

    @Override
    public String reply(ChatRequest request, ChatResponse response, Usage usage) {
        ArrayNode output = JSON.arrayNode();
        if (response.choices() != null && !response.choices().isEmpty()) {
            ChatMessage answer = response.choices().get(0).message();
            if (answer != null) {
                if (!answer.text().isEmpty()) {
                    output.add(messageItem(newId("msg_"), answer.text(), "completed"));
                }
                if (answer.toolCalls() != null) {
                    for (ToolCall call : answer.toolCalls()) {
                        output.add(functionCallItem(newId("fc_"), call.id(), call.function().name(),
                                call.function().arguments(), "completed"));
                    }
                }
            }
        }
        return WireJson.write(response(newId("resp_"), Instant.now().getEpochSecond(),
                response.model() == null ? request.model() : response.model(), "completed", output, usage));
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    static ObjectNode messageItem(String id, String text, String status) {
        ObjectNode item = JSON.objectNode().put("type", "message").put("id", id).put("status", status).put("role", "assistant");
        item.putArray("content").add(outputText(text));
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = JSON.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode functionCallItem(String id, String callId, String name, String arguments, String status) {
        return JSON.objectNode().put("type", "function_call").put("id", id).put("call_id", callId).put("name", name)
                .put("arguments", arguments == null ? "" : arguments).put("status", status);
    }

    /** A Response object with every field the OpenAI SDKs expect present. */
    static ObjectNode response(String id, long createdAt, String model, String status, ArrayNode output, Usage usage) {
        ObjectNode response = JSON.objectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", status);
        response.put("background", false);
        response.putNull("error");
        response.putNull("incomplete_details");
        response.putNull("instructions");
        response.putNull("max_output_tokens");
        response.put("model", model);
        response.set("output", output);
        response.put("parallel_tool_calls", true);
        response.putNull("previous_response_id");
        response.putObject("reasoning").putNull("effort").putNull("summary");
        response.put("store", false);
        response.putNull("temperature");
        response.putObject("text").putObject("format").put("type", "text");
        response.put("tool_choice", "auto");
        response.putArray("tools");
        response.putNull("top_p");
        response.put("truncation", "disabled");
        if (usage == null) {
            response.putNull("usage");
        } else {
            ObjectNode counts = response.putObject("usage");
            counts.put("input_tokens", usage.promptTokens());
            counts.putObject("input_tokens_details").put("cached_tokens", 0);
            counts.put("output_tokens", usage.completionTokens());
            counts.putObject("output_tokens_details").put("reasoning_tokens", 0);
            counts.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        }
        response.putNull("user");
        response.putObject("metadata");
        return response;
    }

    @Override
    public String error(ApiError error) {
        return error.toJson();
    }

    @Override
    public StreamWriter streamWriter(SseStream client, ChatRequest request) {
        return new ResponsesStreamWriter(client, request);
    }
}
