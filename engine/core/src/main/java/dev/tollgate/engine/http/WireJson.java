package dev.tollgate.engine.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one ObjectMapper for the OpenAI wire format (the SPI records carry the field names). */
public final class WireJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private WireJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
