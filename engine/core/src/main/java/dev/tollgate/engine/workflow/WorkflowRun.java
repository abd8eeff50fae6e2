package dev.tollgate.engine.workflow;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.WorkflowConfig;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a workflow while it runs: what it was asked, where it keeps its files, what it has spent, and
 * whether it has stopped. Shared by the run's Camel routes; thread safe.
 */
final class WorkflowRun {
    private final String id;
    private final String workflowName;
    private final WorkflowConfig workflow;
    private final BudgetProfile profile;
    private final String task;
    private final Path repo;
    private final Path runDir;
    private final Instant startedAt = Instant.now();
    private final RunProgress progress;
    private final AtomicReference<BigDecimal> spent = new AtomicReference<>(BigDecimal.ZERO);
    private final List<WorkerResult> results = new ArrayList<>();
    private volatile String stopped;

    WorkflowRun(String id, String workflowName, WorkflowConfig workflow, BudgetProfile profile, String task, Path repo,
                Path runDir, RunProgress progress) {
        this.id = id;
        this.workflowName = workflowName;
        this.workflow = workflow;
        this.profile = profile;
        this.task = task;
        this.repo = repo;
        this.runDir = runDir;
        this.progress = progress;
    }

    String id() {
        return id;
    }

    String workflowName() {
        return workflowName;
    }

    WorkflowConfig workflow() {
        return workflow;
    }

    BudgetProfile profile() {
        return profile;
    }

    String task() {
        return task;
    }

    /** The git repository coder workers branch from, or {@code null}. */
    Path repo() {
        return repo;
    }

    Path runDir() {
        return runDir;
    }

    Instant startedAt() {
        return startedAt;
    }

    RunProgress progress() {
        return progress;
    }

    BigDecimal spent() {
        return spent.get();
    }

    /** Adds a worker's (or the judge's) result and its cost; past the cap, the run stops starting anything. */
    void finished(WorkerResult result) {
        BigDecimal total = spent.accumulateAndGet(result.costUsd(), BigDecimal::add);
        synchronized (results) {
            results.add(result);
        }
        BigDecimal cap = workflow.maxCostUsd();
        if (cap != null && profile != BudgetProfile.UNLIMITED && total.compareTo(cap) >= 0) {
            stop("over budget: the run has spent $" + total.toPlainString() + " of its $" + cap.toPlainString()
                    + " cap (max-cost-usd) under " + profile);
        }
        // A budget the gateway enforces (a monthly one, say) refuses the call; the run goes no further either.
        if (result.status() == WorkerResult.Status.REFUSED && result.error() != null
                && result.error().toLowerCase(java.util.Locale.ROOT).contains("budget")) {
            stop("over budget: the gateway refused " + result.name() + " (" + result.error() + ")");
        }
    }

    List<WorkerResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    void stop(String why) {
        if (stopped == null) {
            stopped = why;
            progress.event(id, "run", "stopping: " + why);
        }
    }

    /** Why the run stopped starting workers, or {@code null} while it goes on. */
    String stopped() {
        return stopped;
    }

    boolean overBudget() {
        return stopped != null && stopped.startsWith("over budget");
    }
}
