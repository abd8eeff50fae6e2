package dev.tollgate.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.util.List;

/**
 * A workflow of workflows.yaml: the same task to several workers with the best verified result chosen
 * ({@code best-of}), or a pipeline whose stages hand a task card each to the next ({@code pipeline}).
 *
 * @param workers            the entrants of a best-of
 * @param stages             the stages of a pipeline, in order
 * @param check              the repository's check command (its tests, say), run on every result; exit 0 passes
 * @param checkTimeoutSeconds how long the check may run
 * @param scratch            globs of untracked files a coder leaves that are not part of its change
 * @param maxCostUsd         the run stops starting workers once it has spent this much (not under UNLIMITED)
 * @param constraints        written into every task card
 */
public record WorkflowConfig(Kind kind, List<WorkerConfig> workers, List<WorkerConfig> stages, SelectorConfig selector,
                             String check, Integer checkTimeoutSeconds, List<String> scratch, BigDecimal maxCostUsd,
                             List<String> constraints) {
    public enum Kind {
        @JsonProperty("best-of") BEST_OF("best-of"),
        @JsonProperty("pipeline") PIPELINE("pipeline");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        /** The YAML name, so that error messages list what a user can write. */
        @Override
        public String toString() {
            return yamlName;
        }
    }

    public static final List<String> DEFAULT_SCRATCH = List.of("*.tmp", "*.bak", "*.orig", "*.rej", "*.swp", "*~",
            "scratch*", "tmp/**", ".aider*");
    static final int DEFAULT_CHECK_TIMEOUT_SECONDS = 600;

    public WorkflowConfig {
        workers = workers == null ? List.of() : List.copyOf(workers);
        stages = stages == null ? List.of() : List.copyOf(stages);
        selector = selector == null ? SelectorConfig.DEFAULT : selector;
        checkTimeoutSeconds = checkTimeoutSeconds == null ? DEFAULT_CHECK_TIMEOUT_SECONDS : checkTimeoutSeconds;
        scratch = scratch == null ? DEFAULT_SCRATCH : List.copyOf(scratch);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    /** The workers in the order they run or enter. */
    public List<WorkerConfig> participants() {
        return kind == Kind.PIPELINE ? stages : workers;
    }
}
