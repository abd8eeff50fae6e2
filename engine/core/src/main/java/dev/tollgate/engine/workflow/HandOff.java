package dev.tollgate.engine.workflow;

/**
 * What passes from one pipeline stage to the next: the previous stage's result and the card it was handed.
 *
 * @param previous the previous stage's result, or {@code null} before the first stage
 */
record HandOff(WorkerResult previous) {
}
