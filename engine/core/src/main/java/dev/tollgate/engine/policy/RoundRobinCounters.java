package dev.tollgate.engine.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per route, how many requests round-robin has placed: the next one starts one candidate further on. Survives reloads. */
public final class RoundRobinCounters {
    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    int next(String route, int candidates) {
        return (int) Math.floorMod(turns.computeIfAbsent(route, r -> new AtomicLong()).getAndIncrement(), (long) candidates);
    }
}
