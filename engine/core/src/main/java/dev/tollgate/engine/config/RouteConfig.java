package dev.tollgate.engine.config;

import java.util.List;

/**
 * One entry of the {@code routes} table; the first whose {@code when} matches a request serves it.
 *
 * @param candidates the models to consider, in order (empty: the whole catalog)
 * @param weights    the capability weights ({@link Weights#DEFAULT} when left out)
 * @param arms       the arms, for the {@code experiment} strategy only
 */
public record RouteConfig(String name, RouteMatch when, RoutingStrategy strategy, List<String> candidates,
                          Weights weights, List<ExperimentArm> arms) {
    public RouteConfig {
        when = when == null ? RouteMatch.ANY : when;
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        weights = weights == null ? Weights.DEFAULT : weights;
        arms = arms == null ? List.of() : List.copyOf(arms);
    }
}
