package dev.tollgate.engine.policy;

/** A rule's conclusion that a candidate must not serve this request, and why. */
public record Ineligible(String model, String reason) implements Verdict {
}
