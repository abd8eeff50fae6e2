package dev.tollgate.engine.config;

/**
 * One worker of a workflow (a best-of entrant or a pipeline stage): either a model, asked through Tollgate's own
 * routing, or a coder from the {@code coders} section, run in its own git worktree.
 *
 * @param name        names its branch, its report line and its task card
 * @param model       a catalog model or an {@code auto} alias; or {@code null} for a coder worker
 * @param coder       a {@code coders} entry; or {@code null} for a model worker
 * @param instruction what it is told to do; {@code {task}} is the run's task, {@code {previous}} the previous stage's
 *                    output ({@code null}: the task itself)
 * @param expect      the expected output, written into its task card
 * @param skipCheck   {@code true}: the workflow's check is not run on this worker's result (a planning stage, say)
 */
public record WorkerConfig(String name, String model, String coder, String instruction, String expect, Boolean skipCheck) {
    public WorkerConfig {
        skipCheck = skipCheck != null && skipCheck;
    }

    public boolean isCoder() {
        return coder != null;
    }
}
