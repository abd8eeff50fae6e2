package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of the {@code routes} and {@code classifier} sections: every model, task and
 * complexity they name exists, experiments are well formed, and thresholds are in order. Works on
 * the tree, so that each problem sits at the item that causes it.
 */
final class RouteValidator {
    private static final int SHOWN = 12;

    private final ConfigTree tree;
    private final List<ConfigProblem> problems;

    RouteValidator(ConfigTree tree, List<ConfigProblem> problems) {
        this.tree = tree;
        this.problems = problems;
    }

    void check(TollgateConfig config) {
        JsonNode routes = tree.root().path("routes");
        Set<String> names = new HashSet<>();
        // Anything but a list was already refused by the binder, with its place.
        for (int i = 0; routes.isArray() && i < routes.size(); i++) {
            JsonPointer at = SourcePositions.pointer("routes").appendIndex(i);
            JsonNode route = routes.get(i);
            if (!route.isObject()) {
                continue;
            }
            String name = route.path("name").asText();
            if (!name.isEmpty() && !names.add(name)) {
                problem(at.appendProperty("name"), "route name '" + name + "' is used twice; names must be unique");
            }
            checkModels(route.path("candidates"), at.appendProperty("candidates"), name, config);
            checkWords(route.path("when").path("task"), at.appendProperty("when").appendProperty("task"),
                    TaskVocabulary.TASK_TYPES, "task type");
            checkWords(route.path("when").path("complexity"), at.appendProperty("when").appendProperty("complexity"),
                    TaskVocabulary.COMPLEXITIES, "complexity");
            checkWords(route.path("when").path("mode"), at.appendProperty("when").appendProperty("mode"),
                    List.of("plan", "act"), "coder mode");
            checkWeights(route.path("weights"), at.appendProperty("weights"));
            checkArms(route, at, name, config);
        }
        checkClassifier();
    }

    private void checkArms(JsonNode route, JsonPointer at, String name, TollgateConfig config) {
        boolean experiment = "experiment".equals(route.path("strategy").asText());
        JsonNode arms = route.path("arms");
        if (!experiment) {
            if (!arms.isMissingNode() && !arms.isNull()) {
                problem(at.appendProperty("arms"), "route '" + name + "' has arms but its strategy is not experiment");
            }
            return;
        }
        if (!arms.isArray() || arms.size() < 2) {
            problem(arms.isMissingNode() ? at.appendProperty("strategy") : at.appendProperty("arms"),
                    "experiment route '" + name + "' needs at least two arms");
            return;
        }
        Set<String> armNames = new HashSet<>();
        for (int a = 0; a < arms.size(); a++) {
            JsonPointer armAt = at.appendProperty("arms").appendIndex(a);
            JsonNode arm = arms.get(a);
            if (!armNames.add(arm.path("name").asText())) {
                problem(armAt, "arm name '" + arm.path("name").asText() + "' is used twice in route '" + name + "'");
            }
            if (arm.path("weight").asInt(0) <= 0) {
                problem(armAt, "arm '" + arm.path("name").asText() + "' of route '" + name + "' needs a weight above 0");
            }
            if (arm.path("candidates").size() == 0) {
                problem(armAt, "arm '" + arm.path("name").asText() + "' of route '" + name + "' needs at least one candidate");
            }
            checkModels(arm.path("candidates"), armAt.appendProperty("candidates"), name, config);
        }
    }

    private void checkWeights(JsonNode weights, JsonPointer at) {
        if (!weights.isObject()) {
            return;
        }
        double sum = 0;
        for (var weight : weights.properties()) {
            if (weight.getValue().isNumber() && weight.getValue().asDouble() < 0) {
                problem(at.appendProperty(weight.getKey()), "weight '" + weight.getKey() + "' must not be negative");
            }
            sum += Math.max(0, weight.getValue().asDouble());
        }
        if (sum == 0) {
            problem(at, "at least one weight must be above 0");
        }
    }

    private void checkClassifier() {
        JsonPointer at = SourcePositions.pointer("classifier");
        JsonNode keywords = tree.root().at(at.appendProperty("keywords"));
        if (keywords.isObject()) {
            for (var task : keywords.properties()) {
                JsonPointer taskAt = at.appendProperty("keywords").appendProperty(task.getKey());
                if (!TaskVocabulary.TASK_TYPES.contains(task.getKey())) {
                    problems.add(tree.positions().key(taskAt).problem("unknown task type '" + task.getKey()
                            + "' (known: " + String.join(", ", TaskVocabulary.TASK_TYPES) + ")"));
                }
                for (int w = 0; task.getValue().isArray() && w < task.getValue().size(); w++) {
                    if (task.getValue().get(w).asText().isBlank()) {
                        problem(taskAt.appendIndex(w), "a keyword must not be empty");
                    }
                }
            }
        }
        JsonPointer complexityAt = at.appendProperty("complexity");
        JsonNode complexity = tree.root().at(complexityAt);
        checkWords(complexity.path("complex-tasks"), complexityAt.appendProperty("complex-tasks"),
                TaskVocabulary.TASK_TYPES, "task type");
        JsonNode simple = complexity.path("simple-below-tokens");
        JsonNode complex = complexity.path("complex-above-tokens");
        if (simple.isInt() && simple.asInt() < 0) {
            problem(complexityAt.appendProperty("simple-below-tokens"), "must not be negative");
        }
        if (simple.isInt() && complex.isInt() && simple.asInt() > complex.asInt()) {
            problem(complexityAt.appendProperty("simple-below-tokens"), "simple-below-tokens (" + simple.asInt()
                    + ") must not be above complex-above-tokens (" + complex.asInt() + ")");
        }
    }

    private void checkModels(JsonNode models, JsonPointer at, String route, TollgateConfig config) {
        // Only a list names models; anything else was already reported as the wrong type when the config was bound
        // (a mapping has a size too, but no elements by index: found by ConfigFuzzTest).
        if (!models.isArray()) {
            return;
        }
        for (int m = 0; m < models.size(); m++) {
            String model = models.get(m).asText();
            if (!config.models().containsKey(model) && tree.root().path("models").path(model).isMissingNode()) {
                List<String> known = List.copyOf(config.models().keySet());
                problem(at.appendIndex(m), "unknown model '" + model + "' in route '" + route + "' (known: "
                        + String.join(", ", known.subList(0, Math.min(SHOWN, known.size())))
                        + (known.size() > SHOWN ? ", …" : "") + ")");
            }
        }
    }

    private void checkWords(JsonNode words, JsonPointer at, List<String> known, String what) {
        if (!words.isArray()) {
            return;
        }
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w).asText();
            if (!known.contains(word)) {
                problem(at.appendIndex(w), "unknown " + what + " '" + word + "' (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private void problem(JsonPointer at, String message) {
        problems.add(tree.positions().value(at).problem(message));
    }
}
