package dev.tollgate.engine.quota;

import dev.tollgate.engine.config.QuotaConfig;
import dev.tollgate.engine.config.QuotaLimits;
import io.github.bucket4j.ConsumptionProbe;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The quota and rate-limit counters of every provider, model and caller, over one {@link Counters}
 * store (memory or Redis). A call reserves before it goes out ({@link #reserveProvider}) and settles
 * with its real usage after ({@link #settle}); a limit without room refuses, with the reason and when
 * it will have room again. Limits come from the policy in force, so an edit applies to the next call.
 */
public final class Quotas implements AutoCloseable {
    private static final Duration LONGEST_WAIT_REPORTED = Duration.ofDays(1);

    private final Counters counters;
    private final Clock clock;
    // Slowdown: when each nearly used-up limit may next be called. Per instance: pacing is a courtesy, the limit itself is shared.
    private final Map<String, Instant> nextSlot = new ConcurrentHashMap<>();

    public Quotas(Counters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** Takes one request and {@code estimatedTokens} from the provider's and the model's limits, or none at all. */
    public QuotaCheck reserveProvider(QuotaConfig config, String provider, String model, long estimatedTokens) {
        QuotaLimits ofProvider = config.providers().get(provider);
        if (ofProvider == null) {
            return new QuotaCheck(Reservation.NOTHING, null, null);
        }
        List<Limit> limits = new ArrayList<>(Limit.of("provider:" + provider, ofProvider));
        QuotaLimits ofModel = ofProvider.models().get(model);
        if (ofModel != null) {
            limits.addAll(Limit.of("model:" + model, ofModel));
        }
        return reserve(limits, estimatedTokens, config.slowdownAt());
    }

    /** Takes one request (and the estimated tokens) from every limit in {@code scopes}, scope name to its limits. */
    public QuotaCheck reserveScopes(Map<String, QuotaLimits> scopes, long estimatedTokens) {
        List<Limit> limits = new ArrayList<>();
        scopes.forEach((scope, of) -> limits.addAll(Limit.of(scope, of)));
        return reserve(limits, estimatedTokens, 1.0);
    }

    private QuotaCheck reserve(List<Limit> limits, long estimatedTokens, double slowdownAt) {
        if (limits.isEmpty()) {
            return new QuotaCheck(Reservation.NOTHING, null, null);
        }
        Instant now = clock.instant();
        List<Reservation.Held> held = new ArrayList<>(limits.size());
        Duration pace = Duration.ZERO;
        for (Limit limit : limits) {
            Counter bucket = counters.counter(limit.key(now), limit::configuration);
            if (limit.unit() == Limit.Unit.MICRO_USD) {
                if (bucket.available() <= 0) {
                    new Reservation(held, estimatedTokens, pace).release();
                    return new QuotaCheck(null, limit + " is spent", null);
                }
                held.add(new Reservation.Held(limit, bucket, 0));
                continue;
            }
            long amount = limit.unit() == Limit.Unit.REQUESTS ? 1 : estimatedTokens;
            ConsumptionProbe probe = bucket.tryTake(amount);
            if (!probe.isConsumed()) {
                new Reservation(held, estimatedTokens, pace).release();
                Duration wait = limit.waitFor(probe.getNanosToWaitForRefill(), now);
                if (wait != null && wait.compareTo(LONGEST_WAIT_REPORTED) > 0) {
                    wait = LONGEST_WAIT_REPORTED;
                }
                return new QuotaCheck(null, limit + " used up", wait);
            }
            held.add(new Reservation.Held(limit, bucket, amount));
            if (limit.unit() == Limit.Unit.REQUESTS && probe.getRemainingTokens() < (1 - slowdownAt) * limit.capacity()) {
                Duration wait = pace(limit, probe.getRemainingTokens(), now);
                pace = wait.compareTo(pace) > 0 ? wait : pace;
            }
        }
        return new QuotaCheck(new Reservation(held, estimatedTokens, pace), null, null);
    }

    /**
     * Near a limit, calls are spread evenly instead of sent at once: a rolling limit one per
     * {@code period / capacity}, a calendar one its remaining requests over the time left in the window.
     */
    private Duration pace(Limit limit, long remaining, Instant now) {
        Duration spacing = limit.reset().rolling() ? limit.period().dividedBy(limit.capacity())
                : limit.reset().untilReset(now).dividedBy(remaining + 1);
        Instant[] slot = new Instant[1];
        nextSlot.compute(limit.key(now), (key, next) -> {
            Instant start = next == null || next.isBefore(now) ? now : next;
            slot[0] = start;
            return start.plus(spacing);
        });
        // The first call past the threshold goes at once; each next one a spacing after the one before.
        return Duration.between(now, slot[0]);
    }

    /** After the call: token limits get the real count, credits the real cost. */
    public void settle(Reservation reservation, long actualTokens, BigDecimal costUsd) {
        reservation.settle(actualTokens, costUsd);
    }

    /** The call never went out (a refusal further down the line): everything goes back. */
    public void release(Reservation reservation) {
        reservation.release();
    }

    /** What is left of each limit of a provider and its models, for the admin API. */
    public List<Map<String, Object>> left(QuotaConfig config, String provider) {
        QuotaLimits ofProvider = config.providers().get(provider);
        List<Map<String, Object>> all = new ArrayList<>();
        if (ofProvider == null) {
            return all;
        }
        List<Limit> limits = new ArrayList<>(Limit.of("provider:" + provider, ofProvider));
        ofProvider.models().forEach((model, of) -> limits.addAll(Limit.of("model:" + model, of)));
        Instant now = clock.instant();
        for (Limit limit : limits) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scope", limit.scope());
            row.put("limit", limit.name());
            long available = counters.counter(limit.key(now), limit::configuration).available();
            if (limit.unit() == Limit.Unit.MICRO_USD) {
                row.put("credit_usd", BigDecimal.valueOf(limit.capacity(), 6).stripTrailingZeros().toPlainString());
                row.put("left_usd", BigDecimal.valueOf(Math.max(0, available), 6).stripTrailingZeros().toPlainString());
            } else {
                row.put("max", limit.capacity());
                row.put("left", Math.max(0, available));
                row.put("reset", limit.reset().toString());
                if (!limit.reset().rolling()) {
                    row.put("resets_at", limit.reset().nextReset(now).toString());
                }
            }
            all.add(row);
        }
        return all;
    }

    /** {@code memory}, {@code redis}, or {@code degraded: …}. */
    public String status() {
        return counters.status();
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        counters.close();
    }
}
