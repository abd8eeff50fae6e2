package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished (non-streamed) completion ({@code "object": "chat.completion"}).
 *
 * @param usage the token counts, or {@code null} when the upstream reported none
 * @param extra every other field of the upstream's answer, passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatResponse(@JsonProperty("id") String id,
                           @JsonProperty("object") String object,
                           @JsonProperty("created") long created,
                           @JsonProperty("model") String model,
                           @JsonProperty("choices") List<Choice> choices,
                           @JsonProperty("usage") Usage usage,
                           @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatResponse {
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    /**
     * @param finishReason {@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(@JsonProperty("index") int index,
                         @JsonProperty("message") ChatMessage message,
                         @JsonProperty("finish_reason") String finishReason,
                         @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Choice {
            extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
        }
    }
}
