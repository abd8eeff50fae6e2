package dev.tollgate.engine.quota;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where "slow but thorough" requests wait for a free slot: in arrival order per caller key (a fair
 * lock per key: one key's requests wait one after another, different keys side by side), and at
 * most {@code capacity} at once in all.
 */
public final class WaitingRoom {
    private final Waiter waiter;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, ReentrantLock> lines = new ConcurrentHashMap<>();

    public WaitingRoom(Waiter waiter) {
        this.waiter = waiter;
    }

    /**
     * Waits {@code duration} in {@code key}'s line.
     *
     * @return {@code false} at once when {@code capacity} requests are waiting already
     */
    public boolean await(String key, Duration duration, int capacity) throws InterruptedException {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return false;
        }
        ReentrantLock line = lines.computeIfAbsent(key, k -> new ReentrantLock(true));
        try {
            line.lockInterruptibly();
            try {
                waiter.await(duration);
            } finally {
                line.unlock();
            }
            return true;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** How many requests are waiting now. */
    public int waiting() {
        return waiting.get();
    }
}
