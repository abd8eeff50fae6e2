package dev.tollgate.engine.policy;

/** Why a paid candidate may serve: recorded in the ledger when it does. */
public record Justification(String model, String reason) implements Verdict {
}
