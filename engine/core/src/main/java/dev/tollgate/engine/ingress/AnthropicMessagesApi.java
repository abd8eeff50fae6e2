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

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/messages}: the Anthropic Messages API, as Claude Code and the Anthropic SDKs send
 * it (https://docs.anthropic.com/en/api/messages). Content blocks become OpenAI content parts;
 * {@code tool_use}/{@code tool_result} become tool calls and {@code tool} messages; thinking
 * blocks, {@code cache_control} and Anthropic-only options are dropped, since no chat upstream
 * could use them.
 */
public final class AnthropicMessagesApi implements WireApi {
    public static final AnthropicMessagesApi INSTANCE = new AnthropicMessagesApi();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnthropicMessagesApi() {
    }

    @Override
    public String name() {
        return "messages";
    }

    @Override
    public ChatRequest parse(byte[] body, long maxBodyBytes, String defaultModel) throws ApiError {
        return ParseChatRequest.bind(canonical(ParseChatRequest.readObject(body, maxBodyBytes,
                "an Anthropic Messages request"), defaultModel));
    }

    /** The request in the canonical (Chat Completions) shape. */
    static ObjectNode canonical(ObjectNode in, String defaultModel) throws ApiError {
        ObjectNode out = JSON.objectNode();
        JsonNode model = in.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw invalid("model", "'model' must be a string");
        }
        out.put("model", model == null || model.isNull() ? defaultModel : model.asText());
        ArrayNode messages = out.putArray("messages");
        if (in.hasNonNull("system")) {
            messages.add(message("system", text(in.get("system"), "system")));
        }
        JsonNode given = in.get("messages");
        if (given == null || !given.isArray() || given.isEmpty()) {
            throw invalid("messages", "'messages' is required: a non-empty array of {\"role\", \"content\"} objects");
        }
        for (int i = 0; i < given.size(); i++) {
            addMessage(messages, given.get(i), "messages." + i);
        }
        if (messages.isEmpty()) {
            throw invalid("messages", "'messages' holds no content the gateway can forward");
        }
        copyIfPresent(in, "max_tokens", out, "max_tokens");
        copyIfPresent(in, "temperature", out, "temperature");
        copyIfPresent(in, "top_p", out, "top_p");
        copyIfPresent(in, "stop_sequences", out, "stop");
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

    private static void addMessage(ArrayNode messages, JsonNode message, String at) throws ApiError {
        if (!message.isObject() || !message.path("role").isTextual()) {
            throw invalid(at, "'" + at + "' must be an object with a string 'role'");
        }
        String role = message.get("role").asText();
        JsonNode content = message.get("content");
        // Claude Code 2.x puts {"role": "system"} entries among the messages (see /work/shared/NOTES.md).
        if (role.equals("system")) {
            messages.add(message("system", text(content, at + ".content")));
            return;
        }
        if (!role.equals("user") && !role.equals("assistant")) {
            throw invalid(at + ".role", "'" + at + ".role' must be user or assistant, got '" + role + "'");
        }
        if (content == null || content.isNull()) {
            throw invalid(at + ".content", "'" + at + ".content' is required: a string or an array of content blocks");
        }
        if (content.isTextual()) {
            messages.add(message(role, content.asText()));
            return;
        }
        if (!content.isArray()) {
            throw invalid(at + ".content", "'" + at + ".content' must be a string or an array of content blocks");
        }
        ArrayNode parts = JSON.arrayNode();
        ArrayNode toolCalls = JSON.arrayNode();
        List<ObjectNode> toolResults = new ArrayList<>();
        ArrayNode imagesFromResults = JSON.arrayNode();
        for (int b = 0; b < content.size(); b++) {
            JsonNode block = content.get(b);
            String blockAt = at + ".content." + b;
            switch (block.path("type").asText()) {
                case "text" -> parts.add(JSON.objectNode().put("type", "text").put("text", block.path("text").asText()));
                case "image" -> parts.add(image(block, blockAt));
                case "document" -> parts.add(JSON.objectNode().put("type", "text").put("text", documentText(block)));
                case "tool_use", "server_tool_use" -> toolCalls.add(JSON.objectNode()
                        .put("id", block.path("id").asText())
                        .put("type", "function")
                        .set("function", JSON.objectNode().put("name", block.path("name").asText())
                                .put("arguments", WireJson.write(block.has("input") ? block.get("input") : JSON.objectNode()))));
                case "tool_result" -> {
                    StringBuilder text = new StringBuilder(block.path("is_error").asBoolean() ? "Error: " : "");
                    JsonNode result = block.get("content");
                    if (result != null && result.isArray()) {
                        for (JsonNode part : result) {
                            if (part.path("type").asText().equals("image")) {
                                imagesFromResults.add(image(part, blockAt + ".content"));
                            } else if (part.has("text")) {
                                text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
                            }
                        }
                    } else if (result != null && !result.isNull()) {
                        text.append(result.asText());
                    }
                    ObjectNode tool = message("tool", text.toString());
                    tool.put("tool_call_id", block.path("tool_use_id").asText());
                    toolResults.add(tool);
                }
                // Thinking is the model's own scratch work: a chat upstream neither needs nor accepts it.
                case "thinking", "redacted_thinking" -> {
                }
                default -> throw invalid(blockAt + ".type", "content block type '" + block.path("type").asText()
                        + "' is not supported (supported: text, image, document, tool_use, tool_result, thinking)");
            }
        }
        // OpenAI wants every tool result right after the assistant's calls, before the user's next words.
        toolResults.forEach(messages::add);
        if (!imagesFromResults.isEmpty()) {
            messages.add(JSON.objectNode().put("role", "user").set("content", imagesFromResults));
        }
        if (role.equals("assistant")) {
            if (parts.isEmpty() && toolCalls.isEmpty()) {
                return;
            }
            ObjectNode assistant = message("assistant", joinedText(parts));
            if (!toolCalls.isEmpty()) {
                if (parts.isEmpty()) {
                    assistant.putNull("content");
                }
                assistant.set("tool_calls", toolCalls);
            }
            messages.add(assistant);
        } else if (!parts.isEmpty()) {
            messages.add(JSON.objectNode().put("role", "user").set("content", parts));
        }
    }

    private static ObjectNode image(JsonNode block, String at) throws ApiError {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText()) {
            case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
            case "url" -> source.path("url").asText();
            default -> throw invalid(at + ".source", "image source type '" + source.path("type").asText()
                    + "' is not supported (supported: base64, url)");
        };
        return JSON.objectNode().put("type", "image_url").set("image_url", JSON.objectNode().put("url", url));
    }

    private static String documentText(JsonNode block) {
        JsonNode source = block.path("source");
        return source.path("type").asText().equals("text") ? source.path("data").asText() : "[document]";
    }

    /** A system prompt or tool result: a string, or text blocks (their {@code cache_control} is dropped). */
    private static String text(JsonNode value, String at) throws ApiError {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (!value.isArray()) {
            throw invalid(at, "'" + at + "' must be a string or an array of text blocks");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : value) {
            if (block.has("text")) {
                text.append(text.isEmpty() ? "" : "\n").append(block.get("text").asText());
            }
        }
        return text.toString();
    }

    private static String joinedText(ArrayNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    private static void tools(ObjectNode in, ObjectNode out) throws ApiError {
        JsonNode tools = in.get("tools");
        if (tools != null && tools.isArray()) {
            ArrayNode functions = JSON.arrayNode();
            for (JsonNode tool : tools) {
                // Anthropic's server tools (web search, code execution…) have no schema a chat upstream could call.
                if (tool.has("input_schema")) {
                    ObjectNode function = JSON.objectNode().put("name", tool.path("name").asText());
                    if (tool.hasNonNull("description")) {
                        function.put("description", tool.get("description").asText());
                    }
                    function.set("parameters", tool.get("input_schema"));
                    functions.add(JSON.objectNode().put("type", "function").set("function", function));
                }
            }
            if (!functions.isEmpty()) {
                out.set("tools", functions);
            }
        }
        JsonNode choice = in.get("tool_choice");
        if (choice != null && choice.isObject() && out.has("tools")) {
            switch (choice.path("type").asText()) {
                case "auto" -> out.put("tool_choice", "auto");
                case "any" -> out.put("tool_choice", "required");
                case "none" -> out.put("tool_choice", "none");
                case "tool" -> out.set("tool_choice", JSON.objectNode().put("type", "function")
                        .set("function", JSON.objectNode().put("name", choice.path("name").asText())));
                default -> throw invalid("tool_choice.type", "tool_choice type '" + choice.path("type").asText()
                        + "' is not supported (supported: auto, any, tool, none)");
            }
            if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
                out.put("parallel_tool_calls", false);
            }
        }
    }

    private static void copyIfPresent(JsonNode in, String from, ObjectNode out, String to) {
        if (in.hasNonNull(from)) {
            out.set(to, in.get(from));
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
        ObjectNode message = JSON.objectNode();
        message.put("id", "msg_" + (response.id() == null ? "tollgate" : response.id()));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", response.model() == null ? request.model() : response.model());
        ArrayNode content = message.putArray("content");
        String finish = null;
        boolean calledTools = false;
        if (response.choices() != null && !response.choices().isEmpty()) {
            ChatResponse.Choice choice = response.choices().get(0);
            finish = choice.finishReason();
            ChatMessage answer = choice.message();
            if (answer != null) {
                String text = answer.text();
                if (!text.isEmpty()) {
                    content.add(JSON.objectNode().put("type", "text").put("text", text));
                }
                if (answer.toolCalls() != null) {
                    calledTools = !answer.toolCalls().isEmpty();
                    for (ToolCall call : answer.toolCalls()) {
                        content.add(JSON.objectNode().put("type", "tool_use").put("id", call.id())
                                .put("name", call.function().name()).set("input", toolInput(call.function().arguments())));
                    }
                }
            }
        }
        message.put("stop_reason", stopReason(finish, calledTools));
        message.putNull("stop_sequence");
        message.set("usage", usage(usage.promptTokens(), usage.completionTokens()));
        return WireJson.write(message);
    }

    /** A tool call's JSON arguments as the object Anthropic clients expect; unparseable ones are kept as a string field. */
    static JsonNode toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JSON.objectNode();
        }
        try {
            JsonNode input = WireJson.MAPPER.readTree(arguments);
            return input.isObject() ? input : JSON.objectNode().set("value", input);
        } catch (java.io.IOException e) {
            return JSON.objectNode().put("arguments", arguments);
        }
    }

    static String stopReason(String finishReason, boolean calledTools) {
        if (calledTools) {
            return "tool_use";
        }
        return switch (finishReason == null ? "stop" : finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    static ObjectNode usage(long inputTokens, long outputTokens) {
        ObjectNode usage = JSON.objectNode();
        usage.put("input_tokens", inputTokens);
        usage.put("output_tokens", outputTokens);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        return usage;
    }

    @Override
    public String error(ApiError error) {
        return WireJson.write(JSON.objectNode().put("type", "error").set("error",
                JSON.objectNode().put("type", errorType(error.status())).put("message", error.getMessage())));
    }

    /** Anthropic's error types by HTTP status (https://docs.anthropic.com/en/api/errors). */
    static String errorType(int status) {
        return switch (status) {
            case 400, 415 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    @Override
    public StreamWriter streamWriter(SseStream client, ChatRequest request) {
        return new AnthropicStreamWriter(client, request);
    }
}
