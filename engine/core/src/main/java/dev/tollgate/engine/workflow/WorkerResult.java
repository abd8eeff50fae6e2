package dev.tollgate.engine.workflow;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one worker produced, as the run report shows it.
 *
 * @param kind             {@code model} or {@code coder}
 * @param target           the model asked, or the coder run
 * @param status           see {@link Status}
 * @param output           a model's answer, or the tail of what a coder printed
 * @param servedBy         the model that answered (a model worker's, or a judge's)
 * @param branch           a coder worker's branch, kept after the run
 * @param commit           the commit Tollgate made on it, or {@code null} when nothing changed
 * @param changedFiles     files in that commit
 * @param diffLines        lines added plus lines removed
 * @param scratchRemoved   untracked scratch files the coder left, removed and not committed
 * @param costUsd          what its model calls cost, from the gateway's own accounting
 * @param check            the check's result, or {@code null} when the workflow has no check or it did not run
 * @param score            the selector's score, or {@code null}
 * @param decisions        the gateway's decision ids of its calls (the ledger's {@code decision_id})
 * @param card             the task card it was handed
 * @param error            why it did not finish, or {@code null}
 */
public record WorkerResult(String name, String kind, String target, Status status, String output, String servedBy,
                           String branch, String commit, List<String> changedFiles, long diffLines,
                           List<String> scratchRemoved, BigDecimal costUsd, long promptTokens, long completionTokens,
                           long durationMs, CheckResult check, Double score, List<String> decisions, TaskCard card,
                           String error) {

    /** How a worker ended; only {@link #DONE} results can win. */
    public enum Status {
        /** Finished, and passed the check if there is one. */
        DONE,
        /** Finished, but its result failed the check: never reported as done, never chosen. */
        FAILED_CHECK,
        /** A coder that changed nothing. */
        NO_CHANGE,
        /** The gateway refused its call (the budget profile, say). */
        REFUSED,
        /** It did not finish: a failed call, a coder's non-zero exit or its time limit. */
        FAILED,
        /** Not started: the run had stopped (over its budget, or an earlier stage did not finish). */
        SKIPPED
    }

    public WorkerResult {
        changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
        scratchRemoved = scratchRemoved == null ? List.of() : List.copyOf(scratchRemoved);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    static WorkerResult skipped(String name, String kind, String target, TaskCard card, String why) {
        return new WorkerResult(name, kind, target, Status.SKIPPED, null, null, null, null, null, 0, null, null, 0, 0, 0,
                null, null, null, card, why);
    }

    WorkerResult withScore(Double value) {
        return new WorkerResult(name, kind, target, status, output, servedBy, branch, commit, changedFiles, diffLines,
                scratchRemoved, costUsd, promptTokens, completionTokens, durationMs, check, value, decisions, card, error);
    }

    public boolean done() {
        return status == Status.DONE;
    }
}
