package dev.tollgate.engine.policy;

/**
 * A rule's conclusion that this request calls for paid model {@code model}, and why. Whether the
 * profile lets it escalate is for other rules; under FREE without opt-in it is recorded as denied.
 *
 * @param trigger {@code complexity} or {@code context_too_long}
 */
public record Escalation(String model, String trigger, String reason) implements Verdict {
}
