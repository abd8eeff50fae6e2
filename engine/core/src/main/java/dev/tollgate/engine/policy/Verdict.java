package dev.tollgate.engine.policy;

/** Something a rule concluded about one candidate. */
public sealed interface Verdict extends Conclusion permits Ineligible, Score, Justification {
    String model();
}
