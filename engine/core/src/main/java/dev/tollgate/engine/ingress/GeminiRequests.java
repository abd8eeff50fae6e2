package dev.tollgate.engine.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.WireJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A GenerateContentRequest (https://ai.google.dev/api/generate-content#request-body) in the
 * canonical (Chat Completions) shape: {@code systemInstruction} becomes the system message;
 * {@code user} contents user messages (text and {@code inlineData}/{@code fileData} images as
 * content parts), {@code model} contents assistant messages with {@code functionCall} parts as tool
 * calls, {@code functionResponse} parts {@code tool} messages; {@code functionDeclarations} become
 * function tools (Gemini's upper-case OpenAPI types in lower case) and {@code generationConfig} the
 * sampling options. The inverse of the gemini plugin's GeminiRequest, which writes this shape for
 * Google's API.
 */
final class GeminiRequests {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GeminiRequests() {
    }

    /** A function call the conversation made and has not yet answered: Gemini matches answers by id or by name. */
    private record Call(String id, String name) {
    }

    static ObjectNode canonical(JsonNode in, String model, boolean stream) throws ApiError {
        ObjectNode out = JSON.objectNode();
        out.put("model", model);
        ArrayNode messages = out.putArray("messages");
        if (in.hasNonNull("systemInstruction")) {
            String system = systemText(in.get("systemInstruction"));
            if (!system.isEmpty()) {
                messages.add(message("system", system));
            }
        }
        JsonNode contents = in.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw invalid("contents", "'contents' is required: a non-empty array of {\"role\", \"parts\"} objects");
        }
        List<Call> unanswered = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            addContent(messages, contents.get(i), "contents[" + i + "]", unanswered);
        }
        if (messages.isEmpty()) {
            throw invalid("contents", "'contents' holds no part the gateway can forward");
        }
        if (stream) {
            out.put("stream", true);
        }
        tools(in, out);
        generationConfig(in.path("generationConfig"), out);
        return out;
    }

    private static void addContent(ArrayNode messages, JsonNode content, String at, List<Call> unanswered) throws ApiError {
        if (!content.isObject()) {
            throw invalid(at, "'" + at + "' must be a {\"role\", \"parts\"} object");
        }
        String role = content.path("role").asText("user");
        JsonNode parts = content.get("parts");
        if (parts == null || !parts.isArray()) {
            throw invalid(at + ".parts", "'" + at + ".parts' is required: an array of parts");
        }
        switch (role) {
            case "model" -> addModelTurn(messages, parts, at, unanswered);
            // "function" is the role older clients gave to function responses.
            case "user", "function" -> addUserTurn(messages, parts, at, unanswered);
            default -> throw invalid(at + ".role", "'" + at + ".role' must be user or model, got '" + role + "'");
        }
    }

    private static void addUserTurn(ArrayNode messages, JsonNode parts, String at, List<Call> unanswered) throws ApiError {
        ArrayNode content = JSON.arrayNode();
        for (int p = 0; p < parts.size(); p++) {
            JsonNode part = parts.get(p);
            String partAt = at + ".parts[" + p + "]";
            if (part.has("functionResponse")) {
                // OpenAI wants every tool result right after the assistant's calls, before the user's next words.
                messages.add(toolResult(part.get("functionResponse"), partAt, unanswered));
            } else if (part.has("text")) {
                if (!part.path("thought").asBoolean(false)) {
                    content.add(JSON.objectNode().put("type", "text").put("text", part.get("text").asText()));
                }
            } else if (part.has("inlineData")) {
                JsonNode data = part.get("inlineData");
                String mime = data.path("mimeType").asText();
                content.add(mime.startsWith("image/")
                        ? image("data:" + mime + ";base64," + data.path("data").asText())
                        : notForwarded(mime));
            } else if (part.has("fileData")) {
                JsonNode file = part.get("fileData");
                String mime = file.path("mimeType").asText();
                content.add(mime.startsWith("image/") ? image(file.path("fileUri").asText()) : notForwarded(mime));
            } else {
                String text = codeText(part);
                if (text == null) {
                    throw unsupportedPart(part, partAt);
                }
                if (!text.isEmpty()) {
                    content.add(JSON.objectNode().put("type", "text").put("text", text));
                }
            }
        }
        if (!content.isEmpty()) {
            messages.add(JSON.objectNode().put("role", "user").set("content", content));
        }
    }

    private static void addModelTurn(ArrayNode messages, JsonNode parts, String at, List<Call> unanswered) throws ApiError {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = JSON.arrayNode();
        for (int p = 0; p < parts.size(); p++) {
            JsonNode part = parts.get(p);
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                String name = call.path("name").asText();
                String id = call.hasNonNull("id") ? call.get("id").asText() : "call_" + name + "_" + messages.size() + "_" + p;
                unanswered.add(new Call(id, name));
                toolCalls.add(JSON.objectNode().put("id", id).put("type", "function").set("function",
                        JSON.objectNode().put("name", name)
                                .put("arguments", WireJson.write(call.has("args") ? call.get("args") : JSON.objectNode()))));
            } else if (part.has("text")) {
                // Thoughts are the model's own scratch work: a chat upstream neither needs nor accepts them.
                if (!part.path("thought").asBoolean(false)) {
                    text.append(part.get("text").asText());
                }
            } else {
                String code = codeText(part);
                if (code == null) {
                    throw unsupportedPart(part, at + ".parts[" + p + "]");
                }
                text.append(code);
            }
        }
        if (text.isEmpty() && toolCalls.isEmpty()) {
            return;
        }
        ObjectNode assistant = message("assistant", text.toString());
        if (!toolCalls.isEmpty()) {
            if (text.isEmpty()) {
                assistant.putNull("content");
            }
            assistant.set("tool_calls", toolCalls);
        }
        messages.add(assistant);
    }

    /** A functionResponse as a tool message answering the call with its id, else the oldest unanswered call of its name. */
    private static ObjectNode toolResult(JsonNode response, String at, List<Call> unanswered) throws ApiError {
        String name = response.path("name").asText(null);
        String id = response.hasNonNull("id") ? response.get("id").asText() : null;
        if (name == null && id == null) {
            throw invalid(at + ".functionResponse", "'" + at + ".functionResponse' needs the 'name' of the function it answers");
        }
        Call answered = null;
        for (Call call : unanswered) {
            if (id != null ? call.id().equals(id) : call.name().equals(name)) {
                answered = call;
                break;
            }
        }
        if (answered == null && id != null && name != null) {
            for (Call call : unanswered) {
                if (call.name().equals(name)) {
                    answered = call;
                    break;
                }
            }
        }
        if (answered != null) {
            unanswered.remove(answered);
        }
        ObjectNode tool = message("tool", resultText(response.get("response")));
        tool.put("tool_call_id", answered != null ? answered.id() : id != null ? id : "call_" + name);
        return tool;
    }

    /** A function's result: a lone string field ({"output": "…"}, as Gemini CLI sends) as that text, anything else as JSON. */
    private static String resultText(JsonNode response) {
        if (response == null || response.isNull()) {
            return "";
        }
        if (response.isObject() && response.size() == 1 && response.elements().next().isTextual()) {
            return response.elements().next().asText();
        }
        return response.isTextual() ? response.asText() : WireJson.write(response);
    }

    /**
     * Code the model wrote or ran with Google's code execution tool, as plain text; the empty string for
     * a part that only carries a thought signature; {@code null} for any other part.
     */
    private static String codeText(JsonNode part) {
        if (part.has("thoughtSignature") || part.has("thought")) {
            return "";
        }
        if (part.has("executableCode")) {
            return part.get("executableCode").path("code").asText();
        }
        if (part.has("codeExecutionResult")) {
            return part.get("codeExecutionResult").path("output").asText();
        }
        return null;
    }

    private static String systemText(JsonNode system) throws ApiError {
        if (system.isTextual()) {
            return system.asText();
        }
        JsonNode parts = system.get("parts");
        if (!system.isObject() || parts == null || !parts.isArray()) {
            throw invalid("systemInstruction", "'systemInstruction' must be a {\"parts\": [{\"text\": …}]} object");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if (part.has("text")) {
                text.append(text.isEmpty() ? "" : "\n").append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    private static void tools(JsonNode in, ObjectNode out) throws ApiError {
        JsonNode tools = in.get("tools");
        if (tools == null || tools.isNull()) {
            return;
        }
        if (!tools.isArray()) {
            throw invalid("tools", "'tools' must be an array of {\"functionDeclarations\": […]} objects");
        }
        ArrayNode functions = JSON.arrayNode();
        // Google's own tools (googleSearch, codeExecution, urlContext…) have no schema a chat upstream could call.
        for (JsonNode tool : tools) {
            for (JsonNode declaration : tool.path("functionDeclarations")) {
                ObjectNode function = JSON.objectNode().put("name", declaration.path("name").asText());
                if (declaration.hasNonNull("description")) {
                    function.put("description", declaration.get("description").asText());
                }
                if (declaration.hasNonNull("parametersJsonSchema")) {
                    function.set("parameters", declaration.get("parametersJsonSchema"));
                } else if (declaration.hasNonNull("parameters")) {
                    function.set("parameters", jsonSchema(declaration.get("parameters")));
                }
                functions.add(JSON.objectNode().put("type", "function").set("function", function));
            }
        }
        if (functions.isEmpty()) {
            return;
        }
        out.set("tools", functions);
        JsonNode calling = in.path("toolConfig").path("functionCallingConfig");
        if (calling.hasNonNull("mode")) {
            JsonNode allowed = calling.path("allowedFunctionNames");
            switch (calling.get("mode").asText()) {
                case "ANY" -> {
                    if (allowed.isArray() && allowed.size() == 1) {
                        out.set("tool_choice", JSON.objectNode().put("type", "function")
                                .set("function", JSON.objectNode().put("name", allowed.get(0).asText())));
                    } else {
                        out.put("tool_choice", "required");
                    }
                }
                case "NONE" -> out.put("tool_choice", "none");
                case "AUTO", "VALIDATED", "MODE_UNSPECIFIED" -> out.put("tool_choice", "auto");
                default -> throw invalid("toolConfig.functionCallingConfig.mode", "functionCallingConfig mode '"
                        + calling.get("mode").asText() + "' is not supported (supported: AUTO, ANY, NONE, VALIDATED)");
            }
        }
    }

    /**
     * Gemini's OpenAPI-subset Schema as JSON Schema: {@code type} in lower case ({@code STRING} →
     * {@code string}), {@code nullable} as a {@code null} type, and Gemini's {@code propertyOrdering} dropped.
     */
    static JsonNode jsonSchema(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode copy = JSON.arrayNode();
            schema.forEach(item -> copy.add(jsonSchema(item)));
            return copy;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JSON.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "type" -> {
                    String type = field.getValue().asText().toLowerCase(Locale.ROOT);
                    if (!type.equals("type_unspecified")) {
                        copy.put("type", type);
                    }
                }
                case "nullable", "propertyOrdering" -> {
                }
                // Property names are the user's own words, never schema keywords.
                case "properties" -> {
                    ObjectNode properties = copy.putObject("properties");
                    field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), jsonSchema(p.getValue())));
                }
                default -> copy.set(field.getKey(), jsonSchema(field.getValue()));
            }
        }
        if (schema.path("nullable").asBoolean(false) && copy.has("type")) {
            copy.set("type", JSON.arrayNode().add(copy.get("type").asText()).add("null"));
        }
        return copy;
    }

    private static void generationConfig(JsonNode config, ObjectNode out) throws ApiError {
        if (config.isMissingNode() || config.isNull()) {
            return;
        }
        if (!config.isObject()) {
            throw invalid("generationConfig", "'generationConfig' must be an object");
        }
        copy(config, "temperature", out, "temperature");
        copy(config, "topP", out, "top_p");
        copy(config, "maxOutputTokens", out, "max_tokens");
        copy(config, "stopSequences", out, "stop");
        copy(config, "presencePenalty", out, "presence_penalty");
        copy(config, "frequencyPenalty", out, "frequency_penalty");
        copy(config, "seed", out, "seed");
        if (config.path("candidateCount").asInt(1) != 1) {
            throw invalid("generationConfig.candidateCount", "the gateway answers with one candidate: set candidateCount to 1");
        }
        JsonNode schema = config.hasNonNull("responseJsonSchema") ? config.get("responseJsonSchema")
                : config.hasNonNull("responseSchema") ? jsonSchema(config.get("responseSchema")) : null;
        if (schema != null) {
            out.set("response_format", JSON.objectNode().put("type", "json_schema").set("json_schema",
                    JSON.objectNode().put("name", "response").set("schema", schema)));
        } else if (config.path("responseMimeType").asText().equals("application/json")) {
            out.set("response_format", JSON.objectNode().put("type", "json_object"));
        }
        // topK, thinkingConfig, responseModalities and the like have no Chat Completions counterpart: dropped.
    }

    private static void copy(JsonNode from, String field, ObjectNode out, String to) {
        if (from.hasNonNull(field)) {
            out.set(to, from.get(field));
        }
    }

    private static ObjectNode image(String url) {
        return JSON.objectNode().put("type", "image_url").set("image_url", JSON.objectNode().put("url", url));
    }

    /** A file a chat upstream cannot read (a PDF, audio): the model is told it was there. */
    private static ObjectNode notForwarded(String mime) {
        return JSON.objectNode().put("type", "text").put("text", "[" + (mime.isEmpty() ? "file" : mime)
                + " attachment not forwarded: the gateway passes on text and images only]");
    }

    private static ObjectNode message(String role, String text) {
        return JSON.objectNode().put("role", role).put("content", text);
    }

    private static ApiError unsupportedPart(JsonNode part, String at) {
        List<String> fields = new ArrayList<>();
        part.fieldNames().forEachRemaining(fields::add);
        return invalid(at, "'" + at + "' has no part the gateway supports (got " + fields + "; supported: text, inlineData, "
                + "fileData, functionCall, functionResponse, executableCode, codeExecutionResult)");
    }

    static ApiError invalid(String param, String message) {
        return ApiError.invalidRequest("invalid_request", param, message);
    }
}
