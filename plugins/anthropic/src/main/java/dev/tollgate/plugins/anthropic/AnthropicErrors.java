package dev.tollgate.plugins.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.ProviderFailure.Kind;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Anthropic's errors ({@code {"type":"error","error":{"type":…,"message":…}}},
 * https://docs.anthropic.com/en/api/errors) as the gateway's closed set of failures:
 * {@code authentication_error}/{@code permission_error} → AUTH_FAILED, {@code rate_limit_error} →
 * RATE_LIMITED with the wait from {@code retry-after}, {@code overloaded_error} (529) and
 * {@code api_error} → UNAVAILABLE (both worth another provider), "prompt is too long" →
 * CONTEXT_TOO_LONG, "content filtering" → CONTENT_FILTERED, other {@code invalid_request_error} →
 * BAD_REQUEST. The key is masked wherever an answer quotes it.
 */
final class AnthropicErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SHOWN = 300;

    private AnthropicErrors() {
    }

    static ProviderFailure failure(ProviderEndpoint endpoint, int status, String body, HttpHeaders headers) {
        JsonNode error = error(body);
        String type = error == null ? "" : error.path("type").asText("");
        String message = redact(endpoint, error != null && error.path("message").isTextual()
                ? error.path("message").asText() : shorten(body));
        Kind kind = kind(status, type, message);
        return new ProviderFailure(kind, status, message, kind == Kind.RATE_LIMITED || status == 529 ? retryAfter(headers) : null);
    }

    /** An {@code error} event inside a stream that has already started. */
    static ProviderFailure streamError(ProviderEndpoint endpoint, JsonNode event) {
        JsonNode error = event.path("error");
        String type = error.path("type").asText("");
        String message = redact(endpoint, error.path("message").asText(event.toString()));
        int status = switch (type) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "api_error" -> 500;
            default -> 0;
        };
        return ProviderFailure.of(kind(status, type, message), status, message);
    }

    static ProviderFailure notMessages(ProviderEndpoint endpoint, int status, String body) {
        return ProviderFailure.of(Kind.UNAVAILABLE, status, endpoint.provider()
                + " answered with something that is not an Anthropic message: " + redact(endpoint, shorten(body)));
    }

    static ProviderFailure cutShort(ProviderEndpoint endpoint) {
        return ProviderFailure.of(Kind.UNAVAILABLE, 200, "the stream from " + endpoint.provider()
                + " ended without message_stop");
    }

    private static Kind kind(int status, String type, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("prompt is too long") || lower.contains("context window") || lower.contains("too many tokens")) {
            return Kind.CONTEXT_TOO_LONG;
        }
        if (lower.contains("content filtering")) {
            return Kind.CONTENT_FILTERED;
        }
        switch (type) {
            case "authentication_error", "permission_error" -> {
                return Kind.AUTH_FAILED;
            }
            case "rate_limit_error" -> {
                return Kind.RATE_LIMITED;
            }
            case "overloaded_error", "api_error", "not_found_error" -> {
                return Kind.UNAVAILABLE;
            }
            case "request_too_large" -> {
                return Kind.CONTEXT_TOO_LONG;
            }
            case "invalid_request_error" -> {
                return Kind.BAD_REQUEST;
            }
            default -> {
                // no type: go by the status
            }
        }
        return switch (status) {
            case 400, 422 -> Kind.BAD_REQUEST;
            case 401, 403 -> Kind.AUTH_FAILED;
            case 408, 504 -> Kind.TIMEOUT;
            case 413 -> Kind.CONTEXT_TOO_LONG;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.UNAVAILABLE;
        };
    }

    /**
     * {@code retry-after} in seconds; otherwise the earliest {@code anthropic-ratelimit-*-reset}
     * (RFC 3339) that has run out.
     */
    static Duration retryAfter(HttpHeaders headers) {
        String seconds = headers.firstValue("retry-after").orElse(null);
        if (seconds != null && seconds.strip().matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
        }
        for (String limit : new String[] {"requests", "tokens", "input-tokens", "output-tokens"}) {
            if ("0".equals(headers.firstValue("anthropic-ratelimit-" + limit + "-remaining").orElse(null))) {
                String reset = headers.firstValue("anthropic-ratelimit-" + limit + "-reset").orElse(null);
                try {
                    Duration wait = Duration.between(Instant.now(), OffsetDateTime.parse(reset).toInstant());
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException | NullPointerException e) {
                    // try the next limit
                }
            }
        }
        return null;
    }

    private static JsonNode error(String body) {
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
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
