package dev.tollgate.engine.quota;

import dev.tollgate.engine.TestClock;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.RateLimitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHealthTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<String> cooledDown = new ArrayList<>();
    private final ProviderHealth health = new ProviderHealth(clock, cooledDown::add);

    private static ProviderFailure rateLimited(Duration retryAfter) {
        return new ProviderFailure(ProviderFailure.Kind.RATE_LIMITED, 429, "slow down", retryAfter);
    }

    private Duration left(String model) {
        return Duration.between(clock.instant(), health.cooling("groq", model).until());
    }

    @Test
    void honoursRetryAfterFirstThenBacksOffExponentiallyOnRepeats() {
        health.failed("groq", "groq/llama", rateLimited(Duration.ofSeconds(1)));
        assertThat(left("groq/llama")).isEqualTo(Duration.ofSeconds(1));
        health.failed("groq", "groq/llama", rateLimited(Duration.ofSeconds(1)));
        assertThat(left("groq/llama")).isEqualTo(Duration.ofSeconds(4));
        health.failed("groq", "groq/llama", rateLimited(null));
        assertThat(left("groq/llama")).isEqualTo(Duration.ofSeconds(8));
        health.failed("groq", "groq/llama", rateLimited(Duration.ofSeconds(60)));
        assertThat(left("groq/llama")).as("a longer Retry-After still wins").isEqualTo(Duration.ofSeconds(60));
        assertThat(cooledDown).containsOnly("groq").hasSize(4);
        assertThat(health.cooling("groq", "groq/other")).as("only that model").isNull();
    }

    @Test
    void aSuccessEndsTheStreakAndACooldownEnds() {
        health.failed("groq", "groq/llama", rateLimited(null));
        health.failed("groq", "groq/llama", rateLimited(null));
        health.succeeded("groq", "groq/llama");
        health.failed("groq", "groq/llama", rateLimited(null));
        assertThat(left("groq/llama")).isEqualTo(ProviderHealth.FIRST_BACKOFF);
        clock.advance(ProviderHealth.FIRST_BACKOFF);
        assertThat(health.cooling("groq", "groq/llama")).isNull();
        assertThat(health.cooldowns()).isEmpty();
    }

    @Test
    void repeatedOutagesCoolTheWholeProviderDownButOneDoesNot() {
        ProviderFailure down = ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 503, "overloaded");
        health.failed("groq", "groq/llama", down);
        health.failed("groq", "groq/llama", down);
        assertThat(health.cooling("groq", "groq/other")).isNull();
        health.failed("groq", "groq/llama", down);
        assertThat(health.cooling("groq", "groq/other").scope()).isEqualTo("provider:groq");
    }

    @Test
    void headersSayingNothingIsLeftCoolTheModelDownUntilTheirReset() {
        health.learned("groq", "groq/llama", new RateLimitStatus(0L, 5000L, Duration.ofSeconds(90), Duration.ofSeconds(2)));
        assertThat(left("groq/llama")).isEqualTo(Duration.ofSeconds(90));
        assertThat(health.cooling("groq", "groq/llama").reason()).contains("x-ratelimit-remaining-requests: 0");
        health.learned("groq", "groq/other", new RateLimitStatus(12L, 300L, Duration.ofSeconds(90), Duration.ofSeconds(2)));
        assertThat(health.cooling("groq", "groq/other")).isNull();
    }
}
