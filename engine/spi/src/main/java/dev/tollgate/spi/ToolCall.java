package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A tool call made by the assistant; in stream deltas, a fragment of one (keyed by {@code index}).
 *
 * @param index    the call's position, in stream deltas only
 * @param id       the call id, answered by a {@code tool} message's {@code tool_call_id}
 * @param type     always {@code function} today
 * @param function the function name and its JSON-encoded arguments (or a fragment of them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(@JsonProperty("index") Integer index,
                       @JsonProperty("id") String id,
                       @JsonProperty("type") String type,
                       @JsonProperty("function") FunctionCall function) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(@JsonProperty("name") String name, @JsonProperty("arguments") String arguments) {
    }
}
