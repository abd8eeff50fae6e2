package dev.tollgate.engine.policy;

/** Something a rule concluded about one candidate. */
public sealed interface Verdict permits Ineligible, Score {
    String model();

    String reason();
}
