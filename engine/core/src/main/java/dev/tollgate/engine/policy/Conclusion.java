package dev.tollgate.engine.policy;

/**
 * What a rule concludes and the decision reads back: a {@link Verdict} about one candidate, or an {@link Escalation}
 * about the request.
 */
public sealed interface Conclusion permits Verdict, Escalation {
    String reason();
}
