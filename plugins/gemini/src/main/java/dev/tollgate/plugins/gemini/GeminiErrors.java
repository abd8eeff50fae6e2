package dev.tollgate.plugins.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.ProviderFailure.Kind;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemini's errors ({@code {"error": {"code", "message", "status", "details"}}},
 * https://ai.google.dev/gemini-api/docs/troubleshooting) as the gateway's closed set of failures:
 * RESOURCE_EXHAUSTED (429) → RATE_LIMITED with the {@code RetryInfo.retryDelay}; PERMISSION_DENIED,
 * UNAUTHENTICATED and an invalid key (400 with reason API_KEY_INVALID) → AUTH_FAILED; an input over
 * the model's token limit → CONTEXT_TOO_LONG; INTERNAL/UNAVAILABLE → UNAVAILABLE; DEADLINE_EXCEEDED
 * → TIMEOUT; other INVALID_ARGUMENT → BAD_REQUEST. A blocked prompt is CONTENT_FILTERED.
 */
final class GeminiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SHOWN = 300;
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

    private GeminiErrors() {
    }

    static ProviderFailure failure(ProviderEndpoint endpoint, int status, String body) {
        JsonNode error = error(body);
        String message = redact(endpoint, error != null && error.path("message").isTextual()
                ? error.path("message").asText() : shorten(body));
        Kind kind = kind(status, error, message);
        return new ProviderFailure(kind, status, message, kind == Kind.RATE_LIMITED ? retryDelay(error) : null);
    }

    static ProviderFailure streamError(ProviderEndpoint endpoint, JsonNode event) {
        JsonNode error = event.path("error");
        int status = error.path("code").asInt(0);
        String message = redact(endpoint, error.path("message").asText(event.toString()));
        return ProviderFailure.of(kind(status, error, message), status, message);
    }

    static ProviderFailure promptBlocked(String reason) {
        return ProviderFailure.of(Kind.CONTENT_FILTERED, 200, "Gemini blocked the prompt (blockReason " + reason + ")");
    }

    static ProviderFailure notGemini(ProviderEndpoint endpoint, int status, String body) {
        return ProviderFailure.of(Kind.UNAVAILABLE, status, endpoint.provider()
                + " answered with something that is not a Gemini response: " + redact(endpoint, shorten(body)));
    }

    static ProviderFailure cutShort(ProviderEndpoint endpoint) {
        return ProviderFailure.of(Kind.UNAVAILABLE, 200, "the stream from " + endpoint.provider()
                + " ended without a finishReason");
    }

    private static Kind kind(int status, JsonNode error, String message) {
        String grpc = error == null ? "" : error.path("status").asText("");
        String lower = message.toLowerCase(Locale.ROOT);
        if (error != null && error.toString().contains("API_KEY_INVALID")) {
            return Kind.AUTH_FAILED;
        }
        if (lower.contains("exceeds the maximum number of tokens") || lower.contains("input token count")
                || lower.contains("context length")) {
            return Kind.CONTEXT_TOO_LONG;
        }
        switch (grpc) {
            case "RESOURCE_EXHAUSTED" -> {
                return Kind.RATE_LIMITED;
            }
            case "PERMISSION_DENIED", "UNAUTHENTICATED" -> {
                return Kind.AUTH_FAILED;
            }
            case "DEADLINE_EXCEEDED" -> {
                return Kind.TIMEOUT;
            }
            case "INTERNAL", "UNAVAILABLE", "NOT_FOUND", "FAILED_PRECONDITION" -> {
                // FAILED_PRECONDITION: e.g. the free tier is not offered in the caller's country
                return Kind.UNAVAILABLE;
            }
            case "INVALID_ARGUMENT" -> {
                return Kind.BAD_REQUEST;
            }
            default -> {
                // no gRPC status: go by the HTTP status
            }
        }
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401, 403 -> Kind.AUTH_FAILED;
            case 408, 504 -> Kind.TIMEOUT;
            case 413 -> Kind.CONTEXT_TOO_LONG;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.UNAVAILABLE;
        };
    }

    /** {@code details[].retryDelay} of the google.rpc.RetryInfo entry, e.g. {@code "17s"}. */
    private static Duration retryDelay(JsonNode error) {
        if (error == null) {
            return null;
        }
        for (JsonNode detail : error.path("details")) {
            Matcher seconds = SECONDS.matcher(detail.path("retryDelay").asText(""));
            if (seconds.matches()) {
                return Duration.ofMillis(Math.round(Double.parseDouble(seconds.group(1)) * 1000));
            }
        }
        return null;
    }

    private static JsonNode error(String body) {
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
            // streamGenerateContent without alt=sse answers errors inside a JSON array
            if (root != null && root.isArray() && !root.isEmpty()) {
                root = root.get(0);
            }
            return root != null && root.path("error").isObject() ? root.path("error") : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String redact(ProviderEndpoint endpoint, String text) {
        return endpoint.apiKey() == null ? text : text.replace(endpoint.apiKey().reveal(), "***");
    }

    private static String shorten(String body) {
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(empty answer)" : text.length() <= BODY_SHOWN ? text : text.substring(0, BODY_SHOWN) + "…";
    }
}
