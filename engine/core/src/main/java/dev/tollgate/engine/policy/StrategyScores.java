package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.Weights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's strategy turned into base points per candidate (0–100, higher is tried first); the
 * rules then add their own points and exclusions. Candidates arrive in the route's (or catalog's) order.
 */
final class StrategyScores {
    /** Output tokens assumed when comparing prices before the answer exists. */
    private static final long EXPECTED_OUTPUT_TOKENS = 500;

    private final RoundRobinCounters roundRobin;
    private final LatencyStats latency;

    StrategyScores(RoundRobinCounters roundRobin, LatencyStats latency) {
        this.roundRobin = roundRobin;
        this.latency = latency;
    }

    /**
     * @param costMatters whether price counts (UNLIMITED: cost is shown, never limiting, so its weight is dropped)
     */
    Map<String, Double> points(RouteConfig route, Map<String, ModelConfig> candidates, int promptTokens,
                               boolean costMatters) {
        List<String> names = new ArrayList<>(candidates.keySet());
        return switch (route.strategy()) {
            case PRIORITY, EXPERIMENT -> byRank(names);
            case CHEAPEST_CAPABLE -> byRank(sorted(names, Comparator.comparing(
                    (String name) -> estimatedCost(candidates.get(name), promptTokens))
                    .thenComparing(name -> -fit(route.weights(), candidates.get(name)))));
            case CAPABILITY_SCORE -> capability(costMatters ? route.weights() : withoutCost(route.weights()), candidates,
                    promptTokens);
            case ROUND_ROBIN -> roundRobin(route.name(), names);
            case LOWEST_LATENCY -> byRank(sorted(names, Comparator.comparing(
                    (String name) -> latency.averageMillis(name) == null ? 0.0 : latency.averageMillis(name))));
        };
    }

    /** How well a model suits a route's weights, price aside, 0–1. */
    static double fit(Weights weights, ModelConfig model) {
        double sum = weights.coding() + weights.reasoning() + weights.speed();
        if (sum == 0) {
            return model.quality();
        }
        return (weights.coding() * model.coding() + weights.reasoning() * model.reasoning()
                + weights.speed() * model.speed()) / sum;
    }

    private static Weights withoutCost(Weights weights) {
        boolean onlyCost = weights.coding() + weights.reasoning() + weights.speed() == 0;
        return onlyCost ? weights : new Weights(weights.coding(), weights.reasoning(), weights.speed(), 0);
    }

    private Map<String, Double> capability(Weights weights, Map<String, ModelConfig> candidates, int promptTokens) {
        Map<String, Double> costs = new HashMap<>();
        double maxCost = 0;
        for (Map.Entry<String, ModelConfig> candidate : candidates.entrySet()) {
            double cost = estimatedCost(candidate.getValue(), promptTokens);
            costs.put(candidate.getKey(), cost);
            maxCost = Math.max(maxCost, cost);
        }
        double total = weights.coding() + weights.reasoning() + weights.speed() + weights.cost();
        Map<String, Double> points = new HashMap<>();
        for (Map.Entry<String, ModelConfig> candidate : candidates.entrySet()) {
            String name = candidate.getKey();
            ModelConfig model = candidate.getValue();
            double cheapness = maxCost == 0 ? 1 : 1 - costs.get(name) / maxCost;
            double score = weights.coding() * model.coding() + weights.reasoning() * model.reasoning()
                    + weights.speed() * model.speed() + weights.cost() * cheapness;
            points.put(name, 100 * score / total);
        }
        return points;
    }

    private Map<String, Double> roundRobin(String route, List<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        int start = roundRobin.next(route, names.size());
        List<String> rotated = new ArrayList<>(names.subList(start, names.size()));
        rotated.addAll(names.subList(0, start));
        return byRank(rotated);
    }

    private static List<String> sorted(List<String> names, Comparator<String> order) {
        List<String> copy = new ArrayList<>(names);
        copy.sort(order);
        return copy;
    }

    private static Map<String, Double> byRank(List<String> ordered) {
        Map<String, Double> points = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            points.put(ordered.get(i), 100.0 * (ordered.size() - i) / ordered.size());
        }
        return points;
    }

    /** USD per million tokens times tokens: only compared, so doubles will do (BigDecimal was a tenth of a decision). */
    private static double estimatedCost(ModelConfig model, int promptTokens) {
        return model.price().input().doubleValue() * promptTokens
                + model.price().output().doubleValue() * EXPECTED_OUTPUT_TOKENS;
    }
}
