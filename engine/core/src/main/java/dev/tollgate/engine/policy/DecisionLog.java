package dev.tollgate.engine.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recent decisions by id, for explaining them afterwards; the oldest are forgotten first. */
public final class DecisionLog {
    private final Map<String, Decision> recent;

    public DecisionLog(int capacity) {
        this.recent = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decision> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void record(Decision decision) {
        recent.put(decision.id(), decision);
    }

    public synchronized Optional<Decision> find(String id) {
        return Optional.ofNullable(recent.get(id));
    }
}
