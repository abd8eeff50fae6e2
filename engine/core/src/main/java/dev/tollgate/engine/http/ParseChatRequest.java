package dev.tollgate.engine.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.engine.config.GatewaySettings;
import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.spi.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.io.IOException;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parse and validate: the body, in the ingress's wire API, becomes a canonical {@link ChatRequest};
 * anything unusable is a 400 in that API's error shape that says what to fix.
 */
public final class ParseChatRequest implements Processor {
    public static final String PROPERTY = "tollgate.request";
    private final Function<Exchange, WireApi> ingress;

    public ParseChatRequest(WireApi api) {
        this(exchange -> api);
    }

    /** For an ingress whose wire API depends on the request's URL (Gemini's carries the model and method). */
    public ParseChatRequest(Function<Exchange, WireApi> ingress) {
        this.ingress = ingress;
    }
    // Jackson names the (hidden) source inside some messages: "[Source: REDACTED (…); line: 1, column: 28]".
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; (line: \\d+, column: \\d+)]");

    @Override
    public void process(Exchange exchange) throws Exception {
        WireApi api = ingress.apply(exchange);
        exchange.setProperty(WireApi.PROPERTY, api);
        GatewaySettings gateway = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class).config().gateway();
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
            throw new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
                    "send the request as JSON with 'Content-Type: application/json' (got '" + contentType + "')", null);
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(PROPERTY, api.parse(body, gateway.maxBodyBytes(), gateway.autoAliases().get(0)));
    }

    /** The canonical request in a JSON body, or the 4xx error that says what is wrong with it. */
    public static ChatRequest parse(byte[] body, long maxBodyBytes, String defaultModel) throws ApiError {
        ObjectNode request = readObject(body, maxBodyBytes, "a JSON chat completion request");
        validate(request);
        if (!request.hasNonNull("model")) {
            request.put("model", defaultModel);
        }
        return bind(request);
    }

    /** A JSON object body, or the 4xx error that says why it is not one; {@code what} names what to send. */
    public static ObjectNode readObject(byte[] body, long maxBodyBytes, String what) throws ApiError {
        if (body == null || body.length == 0) {
            throw ApiError.invalidRequest("invalid_json", null, "the request body is empty: send " + what);
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        JsonNode tree;
        try {
            tree = WireJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest("invalid_json", null, "the request body is not valid JSON: "
                    + SOURCE.matcher(e.getOriginalMessage()).replaceAll("$1") + at(e.getLocation()));
        } catch (IOException e) {
            throw ApiError.invalidRequest("invalid_json", null, "the request body cannot be read: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode request)) {
            throw ApiError.invalidRequest("invalid_json", null, "the request body must be a JSON object");
        }
        return request;
    }

    /** A request in the canonical (Chat Completions) shape bound to the record; a wrong type is a 400 naming the field. */
    public static ChatRequest bind(ObjectNode request) throws ApiError {
        try {
            return WireJson.MAPPER.treeToValue(request, ChatRequest.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw ApiError.invalidRequest("invalid_type", field, "'" + field + "' has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiError.invalidRequest("invalid_json", null, "the request cannot be read: " + e.getOriginalMessage());
        }
    }

    private static void validate(ObjectNode request) throws ApiError {
        JsonNode model = request.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw ApiError.invalidRequest("invalid_type", "model", "'model' must be a string");
        }
        JsonNode messages = request.get("messages");
        if (messages == null || messages.isNull()) {
            throw ApiError.invalidRequest("missing_required_parameter", "messages",
                    "'messages' is required: a non-empty array of {\"role\", \"content\"} objects");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalidRequest("invalid_type", "messages",
                    "'messages' must be a non-empty array of {\"role\", \"content\"} objects");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw ApiError.invalidRequest("invalid_type", "messages[" + i + "]",
                        "'messages[" + i + "]' must be an object with a string 'role'");
            }
        }
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw ApiError.invalidRequest("invalid_type", "stream", "'stream' must be true or false");
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    public static ApiError tooLarge(long maxBodyBytes) {
        return new ApiError(413, "invalid_request_error", "request_too_large", null,
                "the request body is larger than the gateway's limit of " + maxBodyBytes
                        + " bytes (gateway.max-body-bytes)", null);
    }
}
