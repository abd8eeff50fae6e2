package dev.tollgate.engine.config;

import java.util.List;

/**
 * How complexity is judged: by the prompt's size, and some tasks are always complex.
 *
 * @param simpleBelowTokens  below this many tokens a request is simple (default 400)
 * @param complexAboveTokens above this many, complex (default 6000)
 * @param complexTasks       task types that are complex whatever their size
 */
public record ComplexityRules(Integer simpleBelowTokens, Integer complexAboveTokens, List<String> complexTasks) {
    public static final ComplexityRules DEFAULT = new ComplexityRules(null, null, null);

    public ComplexityRules {
        simpleBelowTokens = simpleBelowTokens == null ? 400 : simpleBelowTokens;
        complexAboveTokens = complexAboveTokens == null ? 6000 : complexAboveTokens;
        complexTasks = complexTasks == null ? List.of() : List.copyOf(complexTasks);
    }
}
