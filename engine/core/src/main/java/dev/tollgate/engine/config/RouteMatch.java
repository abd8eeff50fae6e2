package dev.tollgate.engine.config;

import java.util.List;

/** Which requests a route takes: an empty list matches any task or complexity. */
public record RouteMatch(List<String> task, List<String> complexity) {
    public static final RouteMatch ANY = new RouteMatch(List.of(), List.of());

    public RouteMatch {
        task = task == null ? List.of() : List.copyOf(task);
        complexity = complexity == null ? List.of() : List.copyOf(complexity);
    }
}
