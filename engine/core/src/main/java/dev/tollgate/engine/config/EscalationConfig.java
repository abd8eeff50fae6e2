package dev.tollgate.engine.config;

import java.util.List;

/**
 * The {@code escalation} section: what calls for a paid model. Whether the profile allows it is the
 * rules' business (rules/profiles.drl, rules/escalation.drl): FREE never without the user's opt-in,
 * CAREFUL with a recorded justification, UNLIMITED always.
 *
 * @param triggers          the triggers in force, of {@code all-free-failed}, {@code quality-gate},
 *                          {@code complexity}, {@code context-too-long}
 * @param freeComplexityBar the hardest complexity free models are trusted with ({@code simple}, {@code medium},
 *                          {@code complex}); a harder task is a {@code complexity} trigger
 * @param qualityGate       when a free answer is not good enough
 */
public record EscalationConfig(List<String> triggers, String freeComplexityBar, QualityGateConfig qualityGate) {
    public static final List<String> TRIGGERS = List.of("all-free-failed", "quality-gate", "complexity", "context-too-long");

    public EscalationConfig {
        triggers = triggers == null ? TRIGGERS : List.copyOf(triggers);
        qualityGate = qualityGate == null ? QualityGateConfig.defaults() : qualityGate;
    }

    public static EscalationConfig defaults() {
        return new EscalationConfig(TRIGGERS, "complex", QualityGateConfig.defaults());
    }

    public boolean on(String trigger) {
        return triggers.contains(trigger);
    }
}
