package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message of a conversation, or the delta of one in a stream chunk.
 *
 * @param role       {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param content    a String, or a List of content-part maps as in the OpenAI format
 *                   ({@code {"type":"text","text":…}}, {@code {"type":"image_url",…}}), or {@code null}
 * @param name       an optional participant name
 * @param toolCalls  the assistant's tool calls, or {@code null}
 * @param toolCallId for a {@code tool} message, the call it answers
 * @param extra      every other field, passed through unchanged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(
        @JsonProperty("role") String role,
        @JsonProperty("content") Object content,
        @JsonProperty("name") String name,
        @JsonProperty("tool_calls") List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatMessage {
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, text, null, null, null, null);
    }

    /** The message's text: the String content, or its text parts joined by newlines. */
    public String text() {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String t) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(t);
                }
            }
            return text.toString();
        }
        return "";
    }
}
