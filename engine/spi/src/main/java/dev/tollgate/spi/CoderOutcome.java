package dev.tollgate.spi;

/**
 * How a coder run ended.
 *
 * @param exitCode the coder's exit status ({@code -1} when it was stopped)
 * @param timedOut whether it was stopped at its time limit
 * @param output   the tail of what it printed, for the run report
 */
public record CoderOutcome(int exitCode, boolean timedOut, String output) {
}
