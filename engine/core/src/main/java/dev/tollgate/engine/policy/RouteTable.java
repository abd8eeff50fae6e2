package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.RouteMatch;
import dev.tollgate.engine.config.RoutingStrategy;
import dev.tollgate.engine.config.Weights;

import java.util.List;

/** The {@code routes} of config: the first whose {@code when} matches the classification serves the request. */
final class RouteTable {
    /** Used when no route matches: every model, weighed by the default capability weights. */
    static final RouteConfig FALLBACK = new RouteConfig("default", new RouteMatch(List.of(), List.of()),
            RoutingStrategy.CAPABILITY_SCORE, List.of(), Weights.DEFAULT, List.of());

    private final List<RouteConfig> routes;

    RouteTable(List<RouteConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    RouteConfig match(Classification classification) {
        for (RouteConfig route : routes) {
            RouteMatch when = route.when();
            if ((when.task().isEmpty() || when.task().contains(classification.task()))
                    && (when.complexity().isEmpty() || when.complexity().contains(classification.complexity()))) {
                return route;
            }
        }
        return FALLBACK;
    }
}
