package dev.tollgate.engine.policy;

/**
 * What kind of request this is, and the signal that decided each half.
 *
 * @param task             the task type
 * @param complexity       {@code simple}, {@code medium} or {@code complex}
 * @param taskSignal       what decided the task ("keyword 'refactor' in the last user message", …)
 * @param complexitySignal what decided the complexity
 */
public record Classification(String task, String complexity, String taskSignal, String complexitySignal) {
}
