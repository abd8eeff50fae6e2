package dev.tollgate.engine.workflow;

import dev.tollgate.spi.CoderJob;
import dev.tollgate.spi.CoderOutcome;
import dev.tollgate.spi.CoderRunner;

import java.io.IOException;

/** The built-in {@link CoderRunner}: starts the coder's command line from workflows.yaml and waits for it. */
final class CommandCoderRunner implements CoderRunner {
    @Override
    public String id() {
        return "command";
    }

    @Override
    public CoderOutcome run(CoderJob job) throws InterruptedException {
        try {
            // No stdin: a headless coder that asks a question must not hang waiting for an answer.
            ShellCommand.Outcome outcome = ShellCommand.run(job.command(), job.workdir(), job.env(), "", job.timeLimit());
            return new CoderOutcome(outcome.exitCode(), outcome.timedOut(), outcome.output());
        } catch (IOException e) {
            return new CoderOutcome(127, false, "cannot start " + job.command().get(0) + ": " + e.getMessage());
        }
    }
}
