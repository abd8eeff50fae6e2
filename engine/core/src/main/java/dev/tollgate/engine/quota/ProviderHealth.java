package dev.tollgate.engine.quota;

import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.RateLimitStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the upstreams taught us: which provider or model is cooling down, until when and why.
 * A 429 (with its {@code Retry-After} or {@code x-ratelimit-reset-*}), or rate-limit headers
 * saying nothing is left, cool that model down until the reset; repeated failures back off
 * exponentially. Repeated 5xx, timeouts or refused connections cool the whole provider down.
 * The one place this state lives: the admin API, the dashboard and the soak test read it here.
 */
public final class ProviderHealth {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
    /** Outages are only believed after this many failures in a row: one 502 is not a dead provider. */
    static final int FAILURES_BEFORE_PROVIDER_COOLDOWN = 3;

    /**
     * @param scope    {@code model:<catalog name>} or {@code provider:<name>}
     * @param until    when it may be called again
     * @param failures failures in a row so far
     * @param reason   what the upstream said
     */
    public record Cooldown(String scope, Instant until, int failures, String reason) {
    }

    private final Clock clock;
    private final Consumer<String> onCooldown;
    private final Map<String, Cooldown> cooldowns = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

    /** @param onCooldown told the provider's name whenever something of it starts cooling down (metrics) */
    public ProviderHealth(Clock clock, Consumer<String> onCooldown) {
        this.clock = clock;
        this.onCooldown = onCooldown;
    }

    /** The cooldown keeping this model (or its whole provider) from being called now, or {@code null}. */
    public Cooldown cooling(String provider, String model) {
        Instant now = clock.instant();
        Cooldown ofModel = active("model:" + model, now);
        return ofModel != null ? ofModel : active("provider:" + provider, now);
    }

    private Cooldown active(String scope, Instant now) {
        Cooldown cooldown = cooldowns.get(scope);
        return cooldown != null && cooldown.until().isAfter(now) ? cooldown : null;
    }

    /** A call failed: rate limits cool the model down, repeated outages the provider. */
    public void failed(String provider, String model, ProviderFailure failure) {
        switch (failure.kind()) {
            case RATE_LIMITED -> coolDown(provider, "model:" + model, failure.retryAfter(), 1,
                    "rate limited" + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : ""));
            case UNAVAILABLE, TIMEOUT -> coolDown(provider, "provider:" + provider, null, FAILURES_BEFORE_PROVIDER_COOLDOWN,
                    failure.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + (failure.httpStatus() > 0 ? " (HTTP " + failure.httpStatus() + ")" : ""));
            default -> {
            }
        }
    }

    /** The upstream's headers say nothing is left until {@code reset}: cool down without waiting for its 429. */
    void exhausted(String provider, String model, Duration reset, String what) {
        if (reset != null && !reset.isNegative() && !reset.isZero()) {
            Instant until = clock.instant().plus(reset);
            cooldowns.merge("model:" + model, new Cooldown("model:" + model, until, 0, what),
                    (old, now) -> old.until().isAfter(now.until()) ? old : now);
            onCooldown.accept(provider);
        }
    }

    /** The upstream's rate-limit headers: nothing left means a cooldown until their reset. */
    public void learned(String provider, String model, RateLimitStatus status) {
        if (status.remainingRequests() != null && status.remainingRequests() == 0) {
            exhausted(provider, model, status.requestsReset(), "no requests left (x-ratelimit-remaining-requests: 0)");
        }
        if (status.remainingTokens() != null && status.remainingTokens() == 0) {
            exhausted(provider, model, status.tokensReset(), "no tokens left (x-ratelimit-remaining-tokens: 0)");
        }
    }

    /** A call succeeded: the failure streaks of the model and its provider end. */
    public void succeeded(String provider, String model) {
        failuresInARow.remove("model:" + model);
        failuresInARow.remove("provider:" + provider);
    }

    private void coolDown(String provider, String scope, Duration retryAfter, int threshold, String reason) {
        int failures = failuresInARow.merge(scope, 1, Integer::sum);
        if (failures < threshold) {
            return;
        }
        int beyond = failures - threshold;
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(beyond, 20));
        if (backoff.compareTo(LONGEST_BACKOFF) > 0) {
            backoff = LONGEST_BACKOFF;
        }
        // The upstream's own reset wins the first time; repeats back off at least exponentially.
        Duration wait = retryAfter == null ? backoff : beyond == 0 ? retryAfter
                : retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        cooldowns.put(scope, new Cooldown(scope, clock.instant().plus(wait), failures, reason));
        onCooldown.accept(provider);
    }

    /** Every cooldown still running, by scope. */
    public Map<String, Cooldown> cooldowns() {
        Instant now = clock.instant();
        Map<String, Cooldown> active = new TreeMap<>();
        cooldowns.forEach((scope, cooldown) -> {
            if (cooldown.until().isAfter(now)) {
                active.put(scope, cooldown);
            }
        });
        return active;
    }

    public Clock clock() {
        return clock;
    }
}
