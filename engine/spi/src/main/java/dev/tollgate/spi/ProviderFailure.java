package dev.tollgate.spi;

import java.time.Duration;

/**
 * Why an upstream call failed, in the closed set the gateway's fallback logic understands.
 *
 * @param kind       what went wrong
 * @param httpStatus the upstream's HTTP status, or 0 when there was no answer (timeout, connection)
 * @param message    the upstream's own explanation, safe to show to the client (never the key)
 * @param retryAfter how long the upstream asked us to wait, or {@code null}
 */
public record ProviderFailure(Kind kind, int httpStatus, String message, Duration retryAfter) {

    public enum Kind {
        /** 429 or a quota error: try another candidate, come back after {@code retryAfter}. */
        RATE_LIMITED(true),
        /** 5xx, connection refused or reset, or an answer that is not the upstream's format. */
        UNAVAILABLE(true),
        /** No answer in time. */
        TIMEOUT(true),
        /** The provider refused our key: another provider may still serve the request. */
        AUTH_FAILED(true),
        /** The prompt does not fit this model: a larger one may take it. */
        CONTEXT_TOO_LONG(true),
        /** The request itself is wrong: no other candidate would accept it either. */
        BAD_REQUEST(false),
        /** The upstream's safety system refused the content. */
        CONTENT_FILTERED(false);

        private final boolean fallsBack;

        Kind(boolean fallsBack) {
            this.fallsBack = fallsBack;
        }

        /** Whether the gateway should try the next candidate after this failure. */
        public boolean fallsBack() {
            return fallsBack;
        }
    }

    public static ProviderFailure of(Kind kind, int httpStatus, String message) {
        return new ProviderFailure(kind, httpStatus, message, null);
    }
}
