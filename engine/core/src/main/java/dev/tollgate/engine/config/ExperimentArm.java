package dev.tollgate.engine.config;

import java.util.List;

/**
 * One arm of an A/B experiment route.
 *
 * @param weight     its share of sessions, relative to the other arms
 * @param candidates the models this arm tries, in order
 */
public record ExperimentArm(String name, int weight, List<String> candidates) {
    public ExperimentArm {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
