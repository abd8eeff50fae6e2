package dev.tollgate.engine.workflow;

/**
 * The repository's check command run on one result.
 *
 * @param command  the command as configured
 * @param passed   exit status 0 within the time limit
 * @param exitCode its exit status, {@code -1} when it was stopped at the time limit
 * @param output   the tail of what it printed
 */
public record CheckResult(String command, boolean passed, int exitCode, String output) {
}
