package dev.tollgate.plugins.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.ToolDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical (OpenAI-shaped) request as an Anthropic Messages request: system and developer
 * messages hoisted into {@code system}; tool results as {@code tool_result} blocks of a user turn;
 * assistant tool calls as {@code tool_use} blocks; consecutive turns of one role merged, since
 * the API wants user and assistant to alternate; images as {@code image} blocks; {@code max_tokens}
 * always set, since the API requires it. Fields Anthropic does not know are not sent: it refuses
 * unknown fields.
 */
final class MessagesRequest {
    /** Used when the client gave no output limit: the API requires one. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);

    private MessagesRequest() {
    }

    static String of(ProviderCall call, boolean stream) throws ProviderException {
        ChatRequest request = call.request();
        ObjectNode body = JSON.createObjectNode();
        body.put("model", call.upstreamModel());
        body.put("max_tokens", maxTokens(request));
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            switch (message.role()) {
                case "system", "developer" -> {
                    if (!system.isEmpty()) {
                        system.append("\n\n");
                    }
                    system.append(message.text());
                }
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool" -> append(messages, "user", List.of(toolResult(message)));
                default -> append(messages, "user", userBlocks(message));
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        if (request.temperature() != null) {
            // OpenAI's range is 0..2, Anthropic's 0..1.
            body.put("temperature", Math.min(1.0, request.temperature()));
        }
        Map<String, Object> extra = request.extra();
        if (extra.get("top_p") instanceof Number topP) {
            body.put("top_p", topP.doubleValue());
        }
        Object stop = extra.get("stop");
        if (stop instanceof String s) {
            body.putArray("stop_sequences").add(s);
        } else if (stop instanceof List<?> list) {
            ArrayNode sequences = body.putArray("stop_sequences");
            list.forEach(s -> sequences.add(String.valueOf(s)));
        }
        if (extra.get("user") instanceof String user) {
            body.putObject("metadata").put("user_id", user);
        }
        if (request.tools() != null && !request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode t = tools.addObject();
                t.put("name", tool.function().name());
                if (tool.function().description() != null) {
                    t.put("description", tool.function().description());
                }
                t.set("input_schema", tool.function().parameters() != null ? JSON.valueToTree(tool.function().parameters())
                        : JSON.createObjectNode().put("type", "object"));
            }
            ObjectNode choice = toolChoice(extra.get("tool_choice"));
            if (Boolean.FALSE.equals(extra.get("parallel_tool_calls"))) {
                if (choice == null) {
                    choice = JSON.createObjectNode().put("type", "auto");
                }
                if (!"none".equals(choice.path("type").asText())) {
                    choice.put("disable_parallel_tool_use", true);
                }
            }
            if (choice != null) {
                body.set("tool_choice", choice);
            }
        }
        if (stream) {
            body.put("stream", true);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                    "the request cannot be written as JSON: " + e.getOriginalMessage()), e);
        }
    }

    private static int maxTokens(ChatRequest request) {
        if (request.maxTokens() != null) {
            return request.maxTokens();
        }
        if (request.extra().get("max_completion_tokens") instanceof Number n) {
            return n.intValue();
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static ObjectNode toolChoice(Object choice) {
        if (choice instanceof String mode) {
            return switch (mode) {
                case "required" -> JSON.createObjectNode().put("type", "any");
                case "none" -> JSON.createObjectNode().put("type", "none");
                default -> JSON.createObjectNode().put("type", "auto");
            };
        }
        if (choice instanceof Map<?, ?> named && named.get("function") instanceof Map<?, ?> function) {
            return JSON.createObjectNode().put("type", "tool").put("name", String.valueOf(function.get("name")));
        }
        return null;
    }

    /** Adds the blocks as a new turn, or to the previous one when it has the same role. */
    private static void append(ArrayNode messages, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ArrayNode content;
        if (last != null && role.equals(last.path("role").asText())) {
            content = (ArrayNode) last.get("content");
        } else {
            ObjectNode turn = messages.addObject();
            turn.put("role", role);
            content = turn.putArray("content");
        }
        // Anthropic wants tool results first in a user turn that also carries text.
        for (ObjectNode block : blocks) {
            if ("tool_result".equals(block.path("type").asText())) {
                int at = 0;
                while (at < content.size() && "tool_result".equals(content.get(at).path("type").asText())) {
                    at++;
                }
                content.insert(at, block);
            } else {
                content.add(block);
            }
        }
    }

    private static List<ObjectNode> userBlocks(ChatMessage message) throws ProviderException {
        if (message.content() instanceof List<?> parts) {
            ArrayList<ObjectNode> blocks = new ArrayList<>();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map) {
                    Object type = map.get("type");
                    if ("text".equals(type) && map.get("text") instanceof String text) {
                        blocks.add(text(text));
                    } else if ("image_url".equals(type)) {
                        blocks.add(image(map.get("image_url")));
                    }
                }
            }
            return blocks;
        }
        String text = message.text();
        return text.isEmpty() ? List.of() : List.of(text(text));
    }

    private static List<ObjectNode> assistantBlocks(ChatMessage message) throws ProviderException {
        ArrayList<ObjectNode> blocks = new ArrayList<>();
        String text = message.text();
        if (!text.isEmpty()) {
            blocks.add(text(text));
        }
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                ObjectNode use = JSON.createObjectNode();
                use.put("type", "tool_use");
                use.put("id", call.id());
                use.put("name", call.function().name());
                use.set("input", arguments(call));
                blocks.add(use);
            }
        }
        return blocks;
    }

    private static JsonNode arguments(ToolCall call) throws ProviderException {
        String arguments = call.function().arguments();
        if (arguments == null || arguments.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode input = JSON.readTree(arguments);
            if (input.isObject()) {
                return input;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                "the arguments of tool call '" + call.id() + "' are not a JSON object; Anthropic needs one"));
    }

    private static ObjectNode toolResult(ChatMessage message) throws ProviderException {
        ObjectNode result = JSON.createObjectNode();
        result.put("type", "tool_result");
        result.put("tool_use_id", message.toolCallId());
        if (message.content() instanceof List<?>) {
            ArrayNode content = result.putArray("content");
            for (ObjectNode block : userBlocks(message)) {
                content.add(block);
            }
        } else {
            result.put("content", message.text());
        }
        return result;
    }

    private static ObjectNode text(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode image(Object imageUrl) throws ProviderException {
        Object url = imageUrl instanceof Map<?, ?> map ? map.get("url") : imageUrl;
        if (!(url instanceof String link)) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                    "an image_url part has no url"));
        }
        ObjectNode image = JSON.createObjectNode().put("type", "image");
        ObjectNode source = image.putObject("source");
        Matcher data = DATA_URL.matcher(link);
        if (data.matches()) {
            source.put("type", "base64").put("media_type", data.group(1)).put("data", data.group(2));
        } else {
            source.put("type", "url").put("url", link);
        }
        return image;
    }
}
