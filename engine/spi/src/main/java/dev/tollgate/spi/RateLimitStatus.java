package dev.tollgate.spi;

import java.time.Duration;

/**
 * What an upstream's rate-limit headers said about what is left ({@code x-ratelimit-remaining-*},
 * {@code x-ratelimit-reset-*} in the OpenAI, Groq and OpenRouter style). Any part may be unknown.
 *
 * @param remainingRequests requests left in the upstream's current window, or {@code null}
 * @param remainingTokens   tokens left in its current window, or {@code null}
 * @param requestsReset     when the request window resets, or {@code null}
 * @param tokensReset       when the token window resets, or {@code null}
 */
public record RateLimitStatus(Long remainingRequests, Long remainingTokens, Duration requestsReset, Duration tokensReset) {
}
