package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of the {@code coders} and {@code workflows} sections: every worker is either a known model or a known
 * coder, names are unique, a selector uses one scoring method, and limits are positive. Each problem sits at the
 * item that causes it.
 */
final class WorkflowValidator {
    private final ConfigTree tree;
    private final List<ConfigProblem> problems;

    WorkflowValidator(ConfigTree tree, List<ConfigProblem> problems) {
        this.tree = tree;
        this.problems = problems;
    }

    void check(TollgateConfig config) {
        config.coders().forEach((name, coder) -> {
            JsonPointer at = SourcePositions.pointer("coders", name);
            if (coder.command().isEmpty()) {
                problem(at.appendProperty("command"), "coder '" + name + "' needs a command line (a list of arguments)");
            }
            if (coder.timeLimitSeconds() <= 0) {
                problem(at.appendProperty("time-limit-seconds"), "'time-limit-seconds' must be greater than 0");
            }
        });
        config.workflows().forEach((name, workflow) -> check(name, workflow, config));
    }

    private void check(String name, WorkflowConfig workflow, TollgateConfig config) {
        JsonPointer at = SourcePositions.pointer("workflows", name);
        boolean pipeline = workflow.kind() == WorkflowConfig.Kind.PIPELINE;
        String listKey = pipeline ? "stages" : "workers";
        String otherKey = pipeline ? "workers" : "stages";
        if (workflow.participants().isEmpty()) {
            problem(at, "workflow '" + name + "' (" + workflow.kind() + ") needs at least one entry in '" + listKey + "'");
        }
        if (!(pipeline ? workflow.workers() : workflow.stages()).isEmpty()) {
            problem(at.appendProperty(otherKey), "a " + workflow.kind() + " workflow takes '" + listKey + "', not '"
                    + otherKey + "'");
        }
        Set<String> names = new HashSet<>();
        List<WorkerConfig> workers = workflow.participants();
        for (int i = 0; i < workers.size(); i++) {
            checkWorker(workers.get(i), at.appendProperty(listKey).appendIndex(i), names, config);
        }
        SelectorConfig selector = workflow.selector();
        JsonPointer selectorAt = at.appendProperty("selector");
        int methods = (selector.judge() != null ? 1 : 0) + (selector.rule() != null ? 1 : 0)
                + (selector.scoreCommand() != null ? 1 : 0);
        if (methods > 1) {
            problem(selectorAt, "a selector scores with one of 'judge', 'rule' or 'score-command', not several");
        }
        if (selector.judge() != null && !knownModel(selector.judge(), config)) {
            problem(selectorAt.appendProperty("judge"), "unknown judge model '" + selector.judge() + "' (known: "
                    + known(config.models()) + ", or " + String.join(", ", config.gateway().autoAliases()) + ")");
        }
        for (int i = 0; i < selector.rankBy().size(); i++) {
            if (!SelectorConfig.RANK_KEYS.contains(selector.rankBy().get(i))) {
                problem(selectorAt.appendProperty("rank-by").appendIndex(i), "unknown ranking key '"
                        + selector.rankBy().get(i) + "' (known: " + String.join(", ", SelectorConfig.RANK_KEYS) + ")");
            }
        }
        if (workflow.maxCostUsd() != null && workflow.maxCostUsd().compareTo(BigDecimal.ZERO) < 0) {
            problem(at.appendProperty("max-cost-usd"), "'max-cost-usd' must not be negative");
        }
        if (workflow.checkTimeoutSeconds() <= 0) {
            problem(at.appendProperty("check-timeout-seconds"), "'check-timeout-seconds' must be greater than 0");
        }
    }

    private void checkWorker(WorkerConfig worker, JsonPointer at, Set<String> names, TollgateConfig config) {
        JsonNode written = tree.root().at(at);
        if (!written.isObject()) {
            problem(at, "a worker must be a mapping with 'name' and 'model' or 'coder'");
            return;
        }
        if (worker.name() == null || worker.name().isBlank()) {
            problem(at, "a worker needs a 'name'");
        } else if (!worker.name().matches("[A-Za-z0-9._-]+")) {
            problem(at.appendProperty("name"), "worker name '" + worker.name()
                    + "' names a git branch: use letters, digits, '.', '_' and '-' only");
        } else if (!names.add(worker.name())) {
            problem(at.appendProperty("name"), "worker name '" + worker.name() + "' is used twice; names must be unique");
        }
        if ((worker.model() == null) == (worker.coder() == null)) {
            problem(at, "worker '" + worker.name() + "' needs exactly one of 'model' or 'coder'");
        } else if (worker.model() != null && !knownModel(worker.model(), config)) {
            problem(at.appendProperty("model"), "unknown model '" + worker.model() + "' (known: " + known(config.models())
                    + ", or " + String.join(", ", config.gateway().autoAliases()) + ")");
        } else if (worker.coder() != null && !config.coders().containsKey(worker.coder())
                && tree.root().path("coders").path(worker.coder()).isMissingNode()) {
            problem(at.appendProperty("coder"), "unknown coder '" + worker.coder() + "' (known: "
                    + known(config.coders()) + ")");
        }
    }

    private boolean knownModel(String model, TollgateConfig config) {
        return config.models().containsKey(model) || config.gateway().autoAliases().contains(model)
                || !tree.root().path("models").path(model).isMissingNode();
    }

    private static String known(Map<String, ?> entries) {
        return entries.isEmpty() ? "none" : String.join(", ", entries.keySet());
    }

    private void problem(JsonPointer at, String message) {
        problems.add(tree.positions().value(at).problem(message));
    }
}
