package dev.tollgate.engine.workflow;

/** Where a run's progress goes as it happens: a terminal line per branch or stage, the admin API's status. */
@FunctionalInterface
public interface RunProgress {
    RunProgress NONE = (run, worker, message) -> { };

    /** @param worker the worker or stage the event is about, or {@code run} */
    void event(String run, String worker, String message);
}
