package dev.tollgate.engine.quota;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * What a call took from its buckets before it went out: one request from each request limit and
 * the estimated tokens from each token limit. {@link Quotas#settle} corrects the tokens afterwards.
 *
 * @param pace how long to wait before calling because a limit is nearly used up (zero normally)
 */
public record Reservation(List<Held> held, long estimatedTokens, Duration pace) {
    public static final Reservation NOTHING = new Reservation(List.of(), 0, Duration.ZERO);

    record Held(Limit limit, Counter counter, long amount) {
    }

    void settle(long actualTokens, BigDecimal costUsd) {
        for (Held h : held) {
            switch (h.limit().unit()) {
                case TOKENS -> {
                    long more = actualTokens - h.amount();
                    if (more > 0) {
                        h.counter().take(more);
                    } else if (more < 0) {
                        h.counter().giveBack(-more);
                    }
                }
                case MICRO_USD -> {
                    long micros = costUsd == null ? 0 : Limit.micros(costUsd);
                    if (micros > 0) {
                        h.counter().take(micros);
                    }
                }
                case REQUESTS -> {
                }
            }
        }
    }

    /** Gives back everything taken: the call never went out. */
    void release() {
        for (Held h : held) {
            if (h.amount() > 0) {
                h.counter().giveBack(h.amount());
            }
        }
    }
}
