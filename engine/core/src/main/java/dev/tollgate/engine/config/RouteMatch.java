package dev.tollgate.engine.config;

import java.util.List;

/**
 * Which requests a route takes: an empty list matches anything, a {@code null} side-request either kind.
 *
 * @param coder       the coders it takes ({@code cline}, {@code claude-code}, {@code unknown}…)
 * @param mode        the coder modes it takes ({@code plan}, {@code act})
 * @param domain      the callers' domains of work it takes (as their keys name them)
 * @param sideRequest {@code true}: only coders' side requests (titles, commit messages, summaries); {@code false}: none
 */
public record RouteMatch(List<String> task, List<String> complexity, List<String> coder, List<String> mode,
                         List<String> domain, Boolean sideRequest) {
    public static final RouteMatch ANY = new RouteMatch(List.of(), List.of());

    public RouteMatch {
        task = task == null ? List.of() : List.copyOf(task);
        complexity = complexity == null ? List.of() : List.copyOf(complexity);
        coder = coder == null ? List.of() : List.copyOf(coder);
        mode = mode == null ? List.of() : List.copyOf(mode);
        domain = domain == null ? List.of() : List.copyOf(domain);
    }

    public RouteMatch(List<String> task, List<String> complexity) {
        this(task, complexity, null, null, null, null);
    }
}
