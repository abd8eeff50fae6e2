package dev.tollgate.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * A tool the model may call ({@code {"type":"function","function":{…}}}).
 *
 * @param type     always {@code function} today
 * @param function the function's name, description and JSON-schema parameters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolDefinition(@JsonProperty("type") String type, @JsonProperty("function") Function function) {

    /**
     * @param name        the function name
     * @param description what it does, for the model
     * @param parameters  its JSON schema, as parsed JSON
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(@JsonProperty("name") String name,
                           @JsonProperty("description") String description,
                           @JsonProperty("parameters") Map<String, Object> parameters) {
    }
}
