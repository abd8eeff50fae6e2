package dev.tollgate.engine.config;

import java.util.Map;

/**
 * The {@code savings} section: what each request is measured against. The ledger keeps, for every
 * answer, what the reference model would have cost for the same tokens, and the difference.
 *
 * @param referenceModel the catalog model to compare with, or {@code null} for the highest-quality paid model
 * @param byTask         a reference per task type, overriding {@code referenceModel}
 */
public record SavingsConfig(String referenceModel, Map<String, String> byTask) {

    public SavingsConfig {
        byTask = TollgateConfig.orderedCopy(byTask);
    }

    public static SavingsConfig defaults() {
        return new SavingsConfig(null, Map.of());
    }

    /** The reference for a task in {@code config}'s catalog, or {@code null} when the catalog has no paid model. */
    public String referenceFor(String task, TollgateConfig config) {
        String named = byTask.getOrDefault(task, referenceModel);
        if (named != null) {
            return named;
        }
        return config.models().entrySet().stream().filter(e -> !e.getValue().free())
                .max(java.util.Comparator.comparingDouble(e -> e.getValue().quality())).map(Map.Entry::getKey).orElse(null);
    }
}
