package dev.tollgate.engine.policy;

import dev.tollgate.engine.coder.CoderIdentity;
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

    RouteConfig match(Classification classification, CoderIdentity coder, String domain) {
        for (RouteConfig route : routes) {
            RouteMatch when = route.when();
            if (takes(when.task(), classification.task()) && takes(when.complexity(), classification.complexity())
                    && takes(when.coder(), coder.coder()) && takes(when.mode(), coder.mode())
                    && takes(when.domain(), domain)
                    && (when.sideRequest() == null || when.sideRequest() == coder.sideRequest())) {
                return route;
            }
        }
        return FALLBACK;
    }

    private static boolean takes(List<String> accepted, String value) {
        return accepted.isEmpty() || value != null && accepted.contains(value);
    }
}
