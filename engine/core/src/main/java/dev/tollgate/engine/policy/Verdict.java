package dev.tollgate.engine.policy;

/** Something a rule concluded about one candidate. */
public sealed interface Verdict permits Ineligible, Score, Justification, Escalation {
    String model();

    String reason();
}
