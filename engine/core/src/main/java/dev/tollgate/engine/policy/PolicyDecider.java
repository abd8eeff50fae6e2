package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.TollgateConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns one request into a {@link Decision}: the catalog becomes candidate facts, the rules
 * exclude and score them, and the eligible ones are ranked by their summed points.
 */
public final class PolicyDecider {
    private final PolicyRules rules;
    private final List<Candidate> catalog;
    private final Map<String, String> unavailableModels;

    /**
     * @param unavailableProviders providers that cannot be called now, with the reason (no key, no plugin)
     */
    public PolicyDecider(TollgateConfig config, PolicyRules rules, Map<String, String> unavailableProviders) {
        this.rules = rules;
        List<Candidate> routable = new ArrayList<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        config.models().forEach((name, model) -> {
            String reason = unavailableProviders.get(model.provider());
            if (reason == null) {
                routable.add(candidate(name, model));
            } else {
                unavailable.put(name, reason);
            }
        });
        this.catalog = List.copyOf(routable);
        this.unavailableModels = Map.copyOf(unavailable);
    }

    private static Candidate candidate(String name, ModelConfig model) {
        return new Candidate(name, model.provider(), model.free(), model.price().input(), model.price().output(),
                model.contextWindow(), model.quality());
    }

    public Decision decide(RequestFacts request) {
        List<Object> facts = new ArrayList<>(catalog.size() + 1);
        facts.add(request);
        facts.addAll(catalog);
        PolicyRules.Evaluation evaluation = rules.evaluate(facts);

        List<Ineligible> ineligible = new ArrayList<>();
        Set<String> excluded = new HashSet<>();
        Map<String, Double> points = new HashMap<>();
        Map<String, List<String>> reasons = new HashMap<>();
        for (Verdict verdict : evaluation.verdicts()) {
            if (verdict instanceof Ineligible no) {
                ineligible.add(no);
                excluded.add(no.model());
            } else if (verdict instanceof Score score) {
                points.merge(score.model(), score.points(), Double::sum);
                reasons.computeIfAbsent(score.model(), m -> new ArrayList<>()).add(score.reason());
            }
        }
        ineligible.sort(Comparator.comparing(Ineligible::model).thenComparing(Ineligible::reason));
        List<Ineligible> unavailable = new ArrayList<>();
        unavailableModels.forEach((model, reason) -> unavailable.add(new Ineligible(model, reason)));

        List<RankedCandidate> ranked = new ArrayList<>();
        for (Candidate candidate : catalog) {
            if (!excluded.contains(candidate.model())) {
                ranked.add(new RankedCandidate(candidate, points.getOrDefault(candidate.model(), 0.0),
                        reasons.getOrDefault(candidate.model(), List.of())));
            }
        }
        // Stable: equal scores keep the catalog's order.
        ranked.sort(Comparator.comparingDouble(RankedCandidate::score).reversed());
        return new Decision("dec-" + UUID.randomUUID(), request.profile(), ranked, ineligible, unavailable,
                evaluation.rulesFired());
    }
}
