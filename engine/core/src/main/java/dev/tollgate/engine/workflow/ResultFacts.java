package dev.tollgate.engine.workflow;

/**
 * A verified result as a DRL scoring rule sees it (a {@code selector: rule:} file). Rules score it by inserting
 * {@link ResultScore} facts.
 *
 * @param kind   {@code model} or {@code coder}
 * @param output a model's answer, or the tail of what a coder printed
 */
public record ResultFacts(String worker, String kind, String target, String output, int outputLength, double costUsd,
                          long promptTokens, long completionTokens, long durationMs, long diffLines) {
}
