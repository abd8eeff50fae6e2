package dev.tollgate.engine.workflow;

/** Points a DRL scoring rule gives a result; a result's score is the sum of its points. */
public record ResultScore(String worker, double points, String reason) {
}
