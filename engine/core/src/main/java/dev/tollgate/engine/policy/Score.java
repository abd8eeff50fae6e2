package dev.tollgate.engine.policy;

/** Points a rule gives a candidate; the candidates are tried in order of their summed points. */
public record Score(String model, double points, String reason) implements Verdict {
}
