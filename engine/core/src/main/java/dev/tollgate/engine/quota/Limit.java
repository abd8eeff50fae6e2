package dev.tollgate.engine.quota;

import dev.tollgate.engine.config.QuotaLimit;
import dev.tollgate.engine.config.QuotaLimits;
import dev.tollgate.engine.config.ResetSchedule;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured limit as a token bucket: whose it is ({@code scope}), what it counts, how many per
 * window, and how the window resets.
 *
 * @param scope    {@code provider:groq}, {@code model:groq/llama-3.3-70b}, {@code key:laptop}, {@code team:x}, {@code global}
 * @param name     {@code rpm}, {@code tpm}, {@code rpd}, {@code tpd} or {@code credit}
 * @param capacity requests, tokens, or micro-USD per window
 * @param period   the rolling window (a calendar window is a day)
 */
record Limit(String scope, String name, Unit unit, long capacity, Duration period, ResetSchedule reset) {
    // A calendar window has its own bucket; it is never refilled within the window (which DST can make 25 hours).
    private static final Duration NEVER_WITHIN_A_WINDOW = Duration.ofDays(2);
    private static final Duration NEVER = Duration.ofDays(365 * 100);

    enum Unit { REQUESTS, TOKENS, MICRO_USD }

    static List<Limit> of(String scope, QuotaLimits limits) {
        List<Limit> all = new ArrayList<>(5);
        add(all, scope, "rpm", Unit.REQUESTS, limits.rpm(), Duration.ofMinutes(1));
        add(all, scope, "tpm", Unit.TOKENS, limits.tpm(), Duration.ofMinutes(1));
        add(all, scope, "rpd", Unit.REQUESTS, limits.rpd(), Duration.ofDays(1));
        add(all, scope, "tpd", Unit.TOKENS, limits.tpd(), Duration.ofDays(1));
        if (limits.creditUsd() != null) {
            all.add(new Limit(scope, "credit", Unit.MICRO_USD, micros(limits.creditUsd()), NEVER, ResetSchedule.ROLLING));
        }
        return all;
    }

    private static void add(List<Limit> all, String scope, String name, Unit unit, QuotaLimit limit, Duration period) {
        if (limit != null) {
            all.add(new Limit(scope, name, unit, limit.limit(), period, limit.reset()));
        }
    }

    static long micros(BigDecimal usd) {
        return usd.movePointRight(6).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    /** The bucket's name: a changed limit, or a new calendar window, starts a new bucket. */
    String key(Instant now) {
        String window = reset.rolling() ? "rolling" : reset.windowStart(now).toString();
        return "tollgate:quota:" + scope + ":" + name + ":" + capacity + ":" + window;
    }

    BucketConfiguration configuration() {
        Bandwidth bandwidth;
        if (capacity == 0) {
            bandwidth = Bandwidth.builder().capacity(1).refillIntervally(1, NEVER).initialTokens(0).build();
        } else if (unit == Unit.MICRO_USD) {
            bandwidth = Bandwidth.builder().capacity(capacity).refillIntervally(capacity, NEVER).build();
        } else if (reset.rolling()) {
            bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
        } else {
            bandwidth = Bandwidth.builder().capacity(capacity).refillIntervally(capacity, NEVER_WITHIN_A_WINDOW).build();
        }
        return BucketConfiguration.builder().addLimit(bandwidth).build();
    }

    /** How long until {@code amount} fits again, given what the bucket said. */
    Duration waitFor(long nanosToRefill, Instant now) {
        if (unit == Unit.MICRO_USD) {
            return null;
        }
        return reset.rolling() ? Duration.ofNanos(nanosToRefill) : reset.untilReset(now);
    }

    @Override
    public String toString() {
        return scope + " " + name + " " + (unit == Unit.MICRO_USD ? "credit" : capacity) + (reset.rolling() ? "" : " (resets " + reset + ")");
    }
}
