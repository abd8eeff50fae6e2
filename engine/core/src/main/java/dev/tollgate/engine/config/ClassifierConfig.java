package dev.tollgate.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code classifier} section: words that name a task (the first task type, in file order,
 * with a match wins) and the complexity rules.
 */
public record ClassifierConfig(Map<String, List<String>> keywords, ComplexityRules complexity) {
    public static final ClassifierConfig DEFAULT = new ClassifierConfig(null, null);

    public ClassifierConfig {
        Map<String, List<String>> lowered = new LinkedHashMap<>();
        if (keywords != null) {
            keywords.forEach((task, words) -> lowered.put(task, words == null ? List.of()
                    : words.stream().map(w -> w == null ? "" : w.toLowerCase(Locale.ROOT)).toList()));
        }
        keywords = Collections.unmodifiableMap(lowered);
        complexity = complexity == null ? ComplexityRules.DEFAULT : complexity;
    }
}
