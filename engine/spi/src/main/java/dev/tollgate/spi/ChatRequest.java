package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical chat request (OpenAI Chat Completions shape).
 *
 * @param model       the model the client asked for: a catalog name, or an alias such as {@code auto}
 * @param messages    the conversation
 * @param stream      whether the client wants server-sent events
 * @param maxTokens   the client's output limit, or {@code null}
 * @param temperature sampling temperature, or {@code null}
 * @param tools       the tool definitions, or {@code null}
 * @param extra       every other field the client sent, passed through to the upstream unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<ChatMessage> messages,
        @JsonProperty("stream") Boolean stream,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("tools") List<ToolDefinition> tools,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatRequest {
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    /** The same request addressed to another model name (the upstream's id, for instance). */
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, stream, maxTokens, temperature, tools, extra);
    }

    /** The same request with one more pass-through field set. */
    public ChatRequest withExtra(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(field, value);
        return new ChatRequest(model, messages, stream, maxTokens, temperature, tools, more);
    }
}
