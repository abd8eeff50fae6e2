package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token counts of one completion.
 *
 * @param promptTokens     tokens read
 * @param completionTokens tokens written
 * @param totalTokens      their sum
 * @param extra            provider details (cached tokens, reasoning tokens, …), passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(@JsonProperty("prompt_tokens") long promptTokens,
                    @JsonProperty("completion_tokens") long completionTokens,
                    @JsonProperty("total_tokens") long totalTokens,
                    @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public Usage {
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    public static Usage of(long promptTokens, long completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, null);
    }
}
