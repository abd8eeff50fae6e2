package dev.tollgate.spi;

import org.pf4j.ExtensionPoint;

/**
 * Runs a headless coder CLI for one workflow worker. Tollgate prepares everything around the run: a fresh git
 * worktree on the worker's own branch as {@link CoderJob#workdir()}, the task card, and an environment that points
 * the coder's model calls at Tollgate itself. Afterwards Tollgate commits what changed, removes scratch files,
 * runs the repository's check and removes the worktree, so a runner only has to start the coder and wait.
 *
 * <p>The built-in runner {@code command} starts the command line from workflows.yaml; a plugin provides another
 * (one that speaks a coder's own protocol, say) under its own {@link #id()}, named as {@code runner:} of a coder.
 */
public interface CoderRunner extends ExtensionPoint {

    /** The name coders refer to in workflows.yaml ({@code runner: <id>}). */
    String id();

    /**
     * Runs the coder in {@code job.workdir()} and returns when it has exited or its time limit has passed (then the
     * coder is stopped and {@link CoderOutcome#timedOut()} is {@code true}).
     */
    CoderOutcome run(CoderJob job) throws InterruptedException;
}
