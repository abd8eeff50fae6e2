package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.Weights;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A route's strategy turned into base points per candidate (0–100, higher is tried first); the
 * rules then add their own points and exclusions. Candidates arrive in the route's (or catalog's) order,
 * and their points come back in that order, in an array: this runs on every request (bench/).
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
     * @param names       the candidates' names, without repeats
     * @param models      their catalog entries, in the same order
     * @param costMatters whether price counts (UNLIMITED: cost is shown, never limiting, so its weight is dropped)
     * @return each candidate's points, in the order of {@code names}
     */
    double[] points(RouteConfig route, List<String> names, List<ModelConfig> models, int promptTokens,
                    boolean costMatters) {
        int n = names.size();
        return switch (route.strategy()) {
            case PRIORITY, EXPERIMENT -> byRank(identity(n));
            case CHEAPEST_CAPABLE -> {
                double[] cost = new double[n];
                double[] fit = new double[n];
                for (int i = 0; i < n; i++) {
                    cost[i] = estimatedCost(models.get(i), promptTokens);
                    fit[i] = -fit(route.weights(), models.get(i));
                }
                yield byRank(sorted(n, Comparator.<Integer>comparingDouble(i -> cost[i]).thenComparingDouble(i -> fit[i])));
            }
            case CAPABILITY_SCORE -> capability(costMatters ? route.weights() : withoutCost(route.weights()), models,
                    promptTokens);
            case ROUND_ROBIN -> roundRobin(route.name(), n);
            case LOWEST_LATENCY -> {
                double[] millis = new double[n];
                for (int i = 0; i < n; i++) {
                    Double average = latency.averageMillis(names.get(i));
                    millis[i] = average == null ? 0.0 : average;
                }
                yield byRank(sorted(n, Comparator.comparingDouble(i -> millis[i])));
            }
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

    private static double[] capability(Weights weights, List<ModelConfig> models, int promptTokens) {
        int n = models.size();
        double[] costs = new double[n];
        double maxCost = 0;
        for (int i = 0; i < n; i++) {
            costs[i] = estimatedCost(models.get(i), promptTokens);
            maxCost = Math.max(maxCost, costs[i]);
        }
        double total = weights.coding() + weights.reasoning() + weights.speed() + weights.cost();
        double[] points = new double[n];
        for (int i = 0; i < n; i++) {
            ModelConfig model = models.get(i);
            double cheapness = maxCost == 0 ? 1 : 1 - costs[i] / maxCost;
            double score = weights.coding() * model.coding() + weights.reasoning() * model.reasoning()
                    + weights.speed() * model.speed() + weights.cost() * cheapness;
            points[i] = 100 * score / total;
        }
        return points;
    }

    private double[] roundRobin(String route, int n) {
        if (n == 0) {
            return new double[0];
        }
        int start = roundRobin.next(route, n);
        int[] order = new int[n];
        for (int rank = 0; rank < n; rank++) {
            order[rank] = (start + rank) % n;
        }
        return byRank(order);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The candidates' positions sorted by {@code order}; a stable sort, so ties keep the route's order. */
    private static int[] sorted(int n, Comparator<Integer> order) {
        Integer[] positions = new Integer[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        Arrays.sort(positions, order);
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = positions[i];
        }
        return sorted;
    }

    /** Points by place: {@code order[0]} is tried first. */
    private static double[] byRank(int[] order) {
        int n = order.length;
        double[] points = new double[n];
        for (int rank = 0; rank < n; rank++) {
            points[order[rank]] = 100.0 * (n - rank) / n;
        }
        return points;
    }

    /** USD per million tokens times tokens: only compared, so doubles will do (BigDecimal was a tenth of a decision). */
    private static double estimatedCost(ModelConfig model, int promptTokens) {
        return model.price().input().doubleValue() * promptTokens
                + model.price().output().doubleValue() * EXPECTED_OUTPUT_TOKENS;
    }
}
