package dev.tollgate.engine.policy;

/**
 * A rule's conclusion that this request calls for a paid model, and why (rules/escalation.drl): a fact about the
 * request, concluded once, not per paid candidate. Whether the profile lets it escalate is for other rules (CAREFUL
 * scores and justifies each paid candidate that can read the prompt); under FREE without opt-in it is recorded as denied.
 *
 * @param trigger {@code complexity} or {@code context_too_long}
 */
public record Escalation(String trigger, String reason) implements Conclusion {
}
