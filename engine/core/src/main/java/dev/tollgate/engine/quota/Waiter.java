package dev.tollgate.engine.quota;

import java.time.Duration;

/** How the gateway waits for a quota slot: really sleeping, or (in tests) moving a clock forward. */
@FunctionalInterface
public interface Waiter {
    Waiter SLEEP = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void await(Duration duration) throws InterruptedException;
}
