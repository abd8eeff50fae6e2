package dev.tollgate.engine.quota;

import dev.tollgate.engine.TestClock;
import dev.tollgate.engine.config.QuotaConfig;
import dev.tollgate.engine.config.QuotaLimit;
import dev.tollgate.engine.config.QuotaLimits;
import dev.tollgate.engine.config.ResetSchedule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuotasTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final Quotas quotas = new Quotas(new LocalCounters(clock), clock);

    private static QuotaConfig providerLimits(QuotaLimits limits) {
        return new QuotaConfig(Map.of("groq", limits), 1.0, null);
    }

    @Test
    void refusesTheRequestAfterTheLastOneOfAMinuteAndSaysWhenThereIsRoom() {
        QuotaConfig config = providerLimits(new QuotaLimits(new QuotaLimit(2, ResetSchedule.ROLLING), null, null, null, null, null));
        assertThat(quotas.reserveProvider(config, "groq", "groq/llama", 10).granted()).isTrue();
        assertThat(quotas.reserveProvider(config, "groq", "groq/llama", 10).granted()).isTrue();
        QuotaCheck third = quotas.reserveProvider(config, "groq", "groq/llama", 10);
        assertThat(third.granted()).isFalse();
        assertThat(third.reason()).isEqualTo("provider:groq rpm 2 used up");
        assertThat(third.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(quotas.reserveProvider(config, "groq", "groq/llama", 10).granted()).isTrue();
    }

    @Test
    void settlesTokensWithTheRealCountAndARefusalTakesNothing() {
        QuotaConfig config = providerLimits(new QuotaLimits(new QuotaLimit(100, ResetSchedule.ROLLING),
                new QuotaLimit(1000, ResetSchedule.ROLLING), null, null, null, null));
        QuotaCheck first = quotas.reserveProvider(config, "groq", "groq/llama", 100);
        quotas.settle(first.reservation(), 900, BigDecimal.ZERO);
        assertThat(quotas.reserveProvider(config, "groq", "groq/llama", 200).granted()).as("only 100 tokens left").isFalse();
        QuotaCheck small = quotas.reserveProvider(config, "groq", "groq/llama", 100);
        assertThat(small.granted()).isTrue();
        quotas.settle(small.reservation(), 40, BigDecimal.ZERO);
        assertThat(quotas.left(config, "groq")).anySatisfy(row -> assertThat(row).containsEntry("limit", "tpm").containsEntry("left", 60L))
                .anySatisfy(row -> assertThat(row).containsEntry("limit", "rpm").containsEntry("left", 98L));
    }

    @Test
    void aSpentCreditRefusesUntilItIsRaised() {
        QuotaConfig config = providerLimits(new QuotaLimits(null, null, null, null, new BigDecimal("0.01"), null));
        QuotaCheck first = quotas.reserveProvider(config, "groq", "groq/llama", 10);
        quotas.settle(first.reservation(), 10, new BigDecimal("0.012"));
        QuotaCheck second = quotas.reserveProvider(config, "groq", "groq/llama", 10);
        assertThat(second.granted()).isFalse();
        assertThat(second.reason()).contains("credit is spent");
        assertThat(second.retryAfter()).isNull();
    }
}
