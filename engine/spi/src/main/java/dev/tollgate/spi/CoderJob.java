package dev.tollgate.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One coder run, with every placeholder of its configuration filled in.
 *
 * @param worker      the worker's name in the workflow
 * @param workdir     the git worktree the coder works in, on the worker's own branch
 * @param command     the command line
 * @param env         variables to set on top of the inherited environment (the gateway's base URLs among them)
 * @param timeLimit   how long the coder may run
 * @param instruction what the coder is asked to do
 * @param taskCard    the task card as a JSON file
 */
public record CoderJob(String worker, Path workdir, List<String> command, Map<String, String> env, Duration timeLimit,
                       String instruction, Path taskCard) {
    public CoderJob {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
