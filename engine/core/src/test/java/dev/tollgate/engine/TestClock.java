package dev.tollgate.engine;

import dev.tollgate.engine.quota.Waiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test sets and moves; waiting for a quota slot moves it forward instead of sleeping, and is noted. */
public final class TestClock extends Clock implements Waiter {
    private final AtomicReference<Instant> now;
    private final List<Duration> waits = new ArrayList<>();

    public TestClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public synchronized void await(Duration duration) {
        waits.add(duration);
        advance(duration);
    }

    /** Every wait the gateway asked for, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
