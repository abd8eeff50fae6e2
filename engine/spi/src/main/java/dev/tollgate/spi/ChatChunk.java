package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of a streamed completion ({@code "object": "chat.completion.chunk"}). The last chunk
 * of a stream may carry only {@code usage} and no choices.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatChunk(@JsonProperty("id") String id,
                        @JsonProperty("object") String object,
                        @JsonProperty("created") long created,
                        @JsonProperty("model") String model,
                        @JsonProperty("choices") List<Choice> choices,
                        @JsonProperty("usage") Usage usage,
                        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public ChatChunk {
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    /** Whether this chunk only reports usage (the client did not ask for it when it has no choices). */
    public boolean usageOnly() {
        return usage != null && (choices == null || choices.isEmpty());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(@JsonProperty("index") int index,
                         @JsonProperty("delta") ChatMessage delta,
                         @JsonProperty("finish_reason") String finishReason,
                         @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        public Choice {
            extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
        }
    }
}
