package dev.tollgate.engine.config;

import java.util.List;

/**
 * When a free model's answer is not good enough to pass on: the next candidate is tried instead.
 *
 * @param emptyAnswer         refuse an answer with no text and no tool call
 * @param cutShortBelowTokens refuse an answer cut off by its length limit ({@code finish_reason: length}) that is
 *                            shorter than this many completion tokens; 0 turns the check off
 * @param malformedToolCalls  refuse an answer whose tool-call arguments are not JSON
 * @param refusals            refuse an answer that starts with one of these (case-insensitive), or that the
 *                            upstream marks as a refusal
 */
public record QualityGateConfig(boolean emptyAnswer, int cutShortBelowTokens, boolean malformedToolCalls,
                                List<String> refusals) {

    public QualityGateConfig {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    public static QualityGateConfig defaults() {
        return new QualityGateConfig(true, 256, true, List.of("I can't help with", "I cannot help with",
                "I'm sorry, but I can't", "I am unable to help"));
    }
}
