package dev.tollgate.engine.policy;

import java.util.concurrent.atomic.AtomicReference;

/** The policy in force. Swapped whole, so no request ever sees half of an edit. */
public final class PolicyHolder {
    private final AtomicReference<PolicySnapshot> current;

    public PolicyHolder(PolicySnapshot initial) {
        this.current = new AtomicReference<>(initial);
    }

    public PolicySnapshot current() {
        return current.get();
    }

    public void swap(PolicySnapshot next) {
        current.set(next);
    }
}
