package dev.tollgate.plugins.gemini;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical request as a GenerateContentRequest: system and developer messages become
 * {@code systemInstruction}; user turns {@code role: user}, assistant turns {@code role: model}
 * (consecutive turns of one role merged); tool calls {@code functionCall} parts and tool results
 * {@code functionResponse} parts (named after the call they answer, since Gemini matches by name);
 * images {@code inlineData} (data URLs) or {@code fileData}; tools {@code functionDeclarations};
 * sampling settings {@code generationConfig}.
 */
final class GeminiRequest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);
    // JSON-schema keywords Gemini's OpenAPI-subset Schema refuses.
    private static final List<String> UNSUPPORTED_SCHEMA_KEYS = List.of("$schema", "additionalProperties", "$id", "strict");

    private GeminiRequest() {
    }

    static String of(ProviderCall call) throws ProviderException {
        ChatRequest request = call.request();
        ObjectNode body = JSON.createObjectNode();
        StringBuilder system = new StringBuilder();
        ArrayNode contents = body.putArray("contents");
        Map<String, String> toolNames = new HashMap<>();
        for (ChatMessage message : request.messages()) {
            switch (message.role()) {
                case "system", "developer" -> {
                    if (!system.isEmpty()) {
                        system.append("\n\n");
                    }
                    system.append(message.text());
                }
                case "assistant" -> append(contents, "model", modelParts(message, toolNames));
                case "tool" -> append(contents, "user", List.of(functionResponse(message, toolNames)));
                default -> append(contents, "user", userParts(message));
            }
        }
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        if (request.tools() != null && !request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolDefinition tool : request.tools()) {
                ObjectNode declaration = declarations.addObject();
                declaration.put("name", tool.function().name());
                if (tool.function().description() != null) {
                    declaration.put("description", tool.function().description());
                }
                if (tool.function().parameters() != null && !tool.function().parameters().isEmpty()) {
                    declaration.set("parameters", schema(JSON.valueToTree(tool.function().parameters())));
                }
            }
            ObjectNode config = functionCallingConfig(request.extra().get("tool_choice"));
            if (config != null) {
                body.putObject("toolConfig").set("functionCallingConfig", config);
            }
        }
        ObjectNode generation = generationConfig(request);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                    "the request cannot be written as JSON: " + e.getOriginalMessage()), e);
        }
    }

    private static ObjectNode generationConfig(ChatRequest request) {
        ObjectNode config = JSON.createObjectNode();
        Map<String, Object> extra = request.extra();
        Integer maxTokens = request.maxTokens() != null ? request.maxTokens()
                : extra.get("max_completion_tokens") instanceof Number n ? Integer.valueOf(n.intValue()) : null;
        if (maxTokens != null) {
            config.put("maxOutputTokens", maxTokens);
        }
        if (request.temperature() != null) {
            config.put("temperature", request.temperature());
        }
        if (extra.get("top_p") instanceof Number topP) {
            config.put("topP", topP.doubleValue());
        }
        if (extra.get("seed") instanceof Number seed) {
            config.put("seed", seed.longValue());
        }
        Object stop = extra.get("stop");
        if (stop instanceof String s) {
            config.putArray("stopSequences").add(s);
        } else if (stop instanceof List<?> list) {
            ArrayNode sequences = config.putArray("stopSequences");
            list.forEach(s -> sequences.add(String.valueOf(s)));
        }
        if (extra.get("response_format") instanceof Map<?, ?> format) {
            Object type = format.get("type");
            if ("json_object".equals(type) || "json_schema".equals(type)) {
                config.put("responseMimeType", "application/json");
            }
            if (format.get("json_schema") instanceof Map<?, ?> jsonSchema && jsonSchema.get("schema") instanceof Map<?, ?> s) {
                config.set("responseSchema", schema(JSON.valueToTree(s)));
            }
        }
        return config;
    }

    private static ObjectNode functionCallingConfig(Object choice) {
        if (choice instanceof String mode) {
            return JSON.createObjectNode().put("mode", switch (mode) {
                case "required" -> "ANY";
                case "none" -> "NONE";
                default -> "AUTO";
            });
        }
        if (choice instanceof Map<?, ?> named && named.get("function") instanceof Map<?, ?> function) {
            ObjectNode config = JSON.createObjectNode().put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(String.valueOf(function.get("name")));
            return config;
        }
        return null;
    }

    /** A JSON schema without the keywords Gemini refuses, recursively. */
    static JsonNode schema(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            schema.fields().forEachRemaining(field -> {
                if (!UNSUPPORTED_SCHEMA_KEYS.contains(field.getKey())) {
                    copy.set(field.getKey(), schema(field.getValue()));
                }
            });
            return copy;
        }
        if (schema.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            schema.forEach(item -> copy.add(schema(item)));
            return copy;
        }
        return schema;
    }

    private static void append(ArrayNode contents, String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        ArrayNode into;
        if (last != null && role.equals(last.path("role").asText())) {
            into = (ArrayNode) last.get("parts");
        } else {
            ObjectNode turn = contents.addObject();
            turn.put("role", role);
            into = turn.putArray("parts");
        }
        parts.forEach(into::add);
    }

    private static List<ObjectNode> userParts(ChatMessage message) throws ProviderException {
        List<ObjectNode> parts = new ArrayList<>();
        if (message.content() instanceof List<?> list) {
            for (Object part : list) {
                if (part instanceof Map<?, ?> map) {
                    if ("text".equals(map.get("type")) && map.get("text") instanceof String text) {
                        parts.add(JSON.createObjectNode().put("text", text));
                    } else if ("image_url".equals(map.get("type"))) {
                        parts.add(image(map.get("image_url")));
                    }
                }
            }
            return parts;
        }
        String text = message.text();
        if (!text.isEmpty()) {
            parts.add(JSON.createObjectNode().put("text", text));
        }
        return parts;
    }

    private static List<ObjectNode> modelParts(ChatMessage message, Map<String, String> toolNames) throws ProviderException {
        List<ObjectNode> parts = new ArrayList<>();
        String text = message.text();
        if (!text.isEmpty()) {
            parts.add(JSON.createObjectNode().put("text", text));
        }
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                toolNames.put(call.id(), call.function().name());
                ObjectNode functionCall = JSON.createObjectNode();
                functionCall.putObject("functionCall").put("name", call.function().name()).set("args", arguments(call));
                parts.add(functionCall);
            }
        }
        return parts;
    }

    private static JsonNode arguments(ToolCall call) throws ProviderException {
        String arguments = call.function().arguments();
        if (arguments == null || arguments.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode args = JSON.readTree(arguments);
            if (args.isObject()) {
                return args;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                "the arguments of tool call '" + call.id() + "' are not a JSON object; Gemini needs one"));
    }

    /** Gemini's functionResponse.response must be an object: a JSON-object result as is, anything else wrapped. */
    private static ObjectNode functionResponse(ChatMessage message, Map<String, String> toolNames) throws ProviderException {
        String name = toolNames.get(message.toolCallId());
        if (name == null) {
            name = message.name();
        }
        if (name == null) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0,
                    "the tool result for '" + message.toolCallId() + "' answers no earlier tool call; Gemini needs the function's name"));
        }
        String text = message.text();
        JsonNode response;
        try {
            JsonNode parsed = JSON.readTree(text);
            response = parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode().put("content", text);
        } catch (JsonProcessingException e) {
            response = JSON.createObjectNode().put("content", text);
        }
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionResponse").put("name", name).set("response", response);
        return part;
    }

    private static ObjectNode image(Object imageUrl) throws ProviderException {
        Object url = imageUrl instanceof Map<?, ?> map ? map.get("url") : imageUrl;
        if (!(url instanceof String link)) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 0, "an image_url part has no url"));
        }
        ObjectNode part = JSON.createObjectNode();
        Matcher data = DATA_URL.matcher(link);
        if (data.matches()) {
            part.putObject("inlineData").put("mimeType", data.group(1)).put("data", data.group(2));
        } else {
            part.putObject("fileData").put("mimeType", mimeType(link)).put("fileUri", link);
        }
        return part;
    }

    private static String mimeType(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        if (lower.endsWith(".gif")) {
            return "image/gif";
        }
        return "image/jpeg";
    }
}
