package dev.tollgate.engine.policy;

import java.util.List;

/**
 * The escalation triggers the rules decide on, from config/escalation.yaml.
 *
 * @param complexityTrigger whether a task above {@code freeComplexityBar} calls for a paid model
 * @param contextTrigger    whether a prompt no free model can read calls for a paid model
 * @param freeComplexityBar the hardest complexity free models are trusted with
 */
public record EscalationPolicy(boolean complexityTrigger, boolean contextTrigger, String freeComplexityBar) {
    private static final List<String> ORDER = List.of("simple", "medium", "complex");

    /** No trigger on. */
    public static final EscalationPolicy NONE = new EscalationPolicy(false, false, "complex");

    /** Whether a task of {@code complexity} is harder than free models are trusted with. */
    public boolean aboveBar(String complexity) {
        return ORDER.indexOf(complexity) > ORDER.indexOf(freeComplexityBar);
    }
}
