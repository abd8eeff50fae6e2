package dev.tollgate.plugins.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.RateLimitStatus;
import dev.tollgate.spi.ProviderFailure.Kind;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-style error answer ({@code {"error": {"message", "type", "code"}}}, OpenRouter's
 * variant, or anything else) turned into the gateway's closed set of failures, with the wait the
 * upstream asked for. The provider's key is masked wherever an upstream quotes it.
 */
final class UpstreamErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SHOWN = 300;
    // OpenAI and Groq reset durations: "1s", "6m0s", "12ms", "2.5s", "1h2m3s".
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern RETRY_DELAY = Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");
    private static final Pattern TRY_AGAIN_IN = Pattern.compile("(?i)try again in ((?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+)");
    // Epoch-millisecond resets (OpenRouter's X-RateLimit-Reset) are far larger than any wait in seconds.
    private static final long EPOCH_MILLIS_FLOOR = 1_000_000_000_000L;

    private UpstreamErrors() {
    }

    static ProviderFailure failure(ProviderEndpoint endpoint, int status, String body, HttpHeaders headers) {
        JsonNode error = errorNode(body);
        String message = redact(endpoint, message(error, body));
        String code = (text(error, "code") + " " + text(error, "type")).toLowerCase(Locale.ROOT);
        Duration wait = status == 429 || status == 503 ? retryAfter(headers) : null;
        if (wait == null && status == 429) {
            wait = retryAfterInBody(body);
        }
        return new ProviderFailure(kind(status, code, message), status, message, wait);
    }

    /** An {@code {"error": …}} event inside a stream that has already started. */
    static ProviderFailure streamError(ProviderEndpoint endpoint, JsonNode event) {
        JsonNode error = event.get("error");
        String message = redact(endpoint, message(error, event.toString()));
        int status = error != null && error.path("code").isInt() ? error.path("code").asInt() : 0;
        String code = (text(error, "code") + " " + text(error, "type")).toLowerCase(Locale.ROOT);
        Kind kind = status > 0 ? kind(status, code, message) : kindFromCode(code, message, Kind.UNAVAILABLE);
        return ProviderFailure.of(kind, status, message);
    }

    static String redact(ProviderEndpoint endpoint, String text) {
        return endpoint.apiKey() == null ? text : text.replace(endpoint.apiKey().reveal(), "***");
    }

    private static Kind kind(int status, String code, String message) {
        return switch (status) {
            case 400, 422 -> kindFromCode(code, message, Kind.BAD_REQUEST);
            case 401, 403 -> Kind.AUTH_FAILED;
            case 404 -> Kind.UNAVAILABLE;
            case 408 -> Kind.TIMEOUT;
            case 413 -> Kind.CONTEXT_TOO_LONG;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.UNAVAILABLE;
        };
    }

    private static Kind kindFromCode(String code, String message, Kind otherwise) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (code.contains("context_length_exceeded") || lower.contains("maximum context length")
                || lower.contains("context length") || lower.contains("too many tokens")) {
            return Kind.CONTEXT_TOO_LONG;
        }
        if (code.contains("content_filter") || code.contains("content_policy_violation")) {
            return Kind.CONTENT_FILTERED;
        }
        if (code.contains("rate_limit")) {
            return Kind.RATE_LIMITED;
        }
        return otherwise;
    }

    private static JsonNode errorNode(String body) {
        try {
            JsonNode root = JSON.readTree(body == null ? "" : body);
            if (root == null) {
                return null;
            }
            JsonNode error = root.get("error");
            // Some servers answer {"error": "text"} or {"message": "text"} or {"detail": "text"}.
            return error != null && error.isObject() ? error : root;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String message(JsonNode error, String body) {
        for (String field : new String[] {"message", "error", "detail"}) {
            if (error != null && error.path(field).isTextual()) {
                return error.path(field).asText();
            }
        }
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "(empty answer)" : text.length() <= BODY_SHOWN ? text : text.substring(0, BODY_SHOWN) + "…";
    }

    private static String text(JsonNode node, String field) {
        return node == null || node.path(field).isMissingNode() || node.path(field).isNull() ? "" : node.path(field).asText();
    }

    /**
     * A 429 without headers may still say when: Google's {@code RetryInfo} detail ({@code "retryDelay": "34s"}),
     * or OpenAI's and Groq's message ({@code "Please try again in 7.66s."}).
     */
    static Duration retryAfterInBody(String body) {
        if (body == null) {
            return null;
        }
        Matcher google = RETRY_DELAY.matcher(body);
        if (google.find()) {
            return Duration.ofMillis(Math.round(Double.parseDouble(google.group(1)) * 1000));
        }
        Matcher openAi = TRY_AGAIN_IN.matcher(body);
        return openAi.find() ? resetIn(openAi.group(1)) : null;
    }

    static Duration retryAfter(HttpHeaders headers) {
        String retryAfter = headers.firstValue("retry-after").orElse(null);
        if (retryAfter != null) {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(retryAfter.strip()) * 1000));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return positive(Duration.between(Instant.now(), at));
                } catch (DateTimeParseException neither) {
                    // fall through to the other headers
                }
            }
        }
        String millis = headers.firstValue("retry-after-ms").orElse(null);
        if (millis != null && millis.strip().matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(millis.strip())));
        }
        for (String name : new String[] {"x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "x-ratelimit-reset"}) {
            Duration reset = headers.firstValue(name).map(UpstreamErrors::resetIn).orElse(null);
            if (reset != null) {
                return reset;
            }
        }
        return null;
    }

    /**
     * What the rate-limit headers say is left: OpenAI and Groq send {@code x-ratelimit-remaining-requests},
     * {@code -tokens} and {@code x-ratelimit-reset-requests}, {@code -tokens}; OpenRouter
     * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (epoch milliseconds).
     *
     * @return {@code null} when the upstream sent none
     */
    static RateLimitStatus rateLimits(HttpHeaders headers) {
        Long requests = number(headers, "x-ratelimit-remaining-requests");
        if (requests == null) {
            requests = number(headers, "x-ratelimit-remaining");
        }
        Long tokens = number(headers, "x-ratelimit-remaining-tokens");
        if (requests == null && tokens == null) {
            return null;
        }
        Duration requestsReset = headers.firstValue("x-ratelimit-reset-requests")
                .or(() -> headers.firstValue("x-ratelimit-reset")).map(UpstreamErrors::resetIn).orElse(null);
        Duration tokensReset = headers.firstValue("x-ratelimit-reset-tokens").map(UpstreamErrors::resetIn).orElse(null);
        return new RateLimitStatus(requests, tokens, requestsReset, tokensReset);
    }

    private static Long number(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(String::strip).filter(v -> v.matches("\\d+")).map(Long::parseLong).orElse(null);
    }

    private static Duration resetIn(String value) {
        String text = value.strip();
        if (text.matches("\\d+")) {
            long number = Long.parseLong(text);
            return number >= EPOCH_MILLIS_FLOOR ? positive(Duration.ofMillis(number - System.currentTimeMillis()))
                    : Duration.ofSeconds(number);
        }
        Matcher parts = DURATION_PART.matcher(text);
        double millis = 0;
        int matched = 0;
        while (parts.find()) {
            double amount = Double.parseDouble(parts.group(1));
            millis += amount * switch (parts.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1_000;
                default -> 1;
            };
            matched += parts.group().length();
        }
        return matched == text.length() && matched > 0 ? Duration.ofMillis(Math.round(millis)) : null;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
