package dev.tollgate.engine.routing;

/**
 * One upstream call made for a request.
 *
 * @param model      the catalog model tried
 * @param provider   its provider
 * @param outcome    {@code ok}, or the failure kind in lower case ({@code rate_limited}, {@code unavailable}, …)
 * @param httpStatus the upstream's status, 0 when it never answered
 * @param message    the upstream's explanation of a failure (never a key), or {@code null}
 * @param latencyMs  how long the call took
 */
public record Attempt(String model, String provider, String outcome, int httpStatus, String message, long latencyMs) {
}
