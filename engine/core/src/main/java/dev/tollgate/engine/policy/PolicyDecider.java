package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.EscalationConfig;
import dev.tollgate.engine.config.ExperimentArm;
import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.ProfileSettings;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.RoutingStrategy;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.routing.ProviderRegistry;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;

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
 * Turns one request into a {@link Decision}: classify it, pick its route, let the route's strategy
 * give each candidate its base points, let the rules exclude, score and justify, and rank.
 */
public final class PolicyDecider {
    private final TollgateConfig config;
    private final PolicyRules rules;
    private final TaskClassifier classifier;
    private final RouteTable routes;
    private final StrategyScores strategies;
    private final Map<String, ModelConfig> routable;
    private final Map<String, String> unavailableModels;
    private final EscalationPolicy escalationPolicy;

    /**
     * @param unavailableProviders providers that cannot be called now, with the reason (no key, no plugin)
     */
    public PolicyDecider(TollgateConfig config, PolicyRules rules, Map<String, String> unavailableProviders,
                         RoundRobinCounters roundRobin, LatencyStats latency) {
        this.config = config;
        this.rules = rules;
        this.classifier = new TaskClassifier(config.classifier());
        this.routes = new RouteTable(config.routes());
        this.strategies = new StrategyScores(roundRobin, latency);
        EscalationConfig escalation = config.escalation();
        this.escalationPolicy = new EscalationPolicy(escalation.on("complexity"), escalation.on("context-too-long"),
                escalation.freeComplexityBar());
        Map<String, ModelConfig> callable = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        config.models().forEach((name, model) -> {
            String reason = model.enabled() ? unavailableProviders.get(model.provider()) : ProviderRegistry.DISABLED;
            if (reason == null) {
                callable.put(name, model);
            } else {
                unavailable.put(name, reason);
            }
        });
        this.routable = callable;
        this.unavailableModels = unavailable;
    }

    /** How many DRL rules this policy holds. */
    public int ruleCount() {
        return rules.size();
    }

    public Decision decide(DecisionInput input) {
        String id = "dec-" + UUID.randomUUID();
        ChatRequest request = input.request();
        int tokens = TokenEstimate.of(request);
        boolean images = hasImages(request);
        boolean tools = request.tools() != null && !request.tools().isEmpty();
        Classification classification = classifier.classify(request, input.headerTask(), tokens, images,
                input.coder().hints());
        RouteConfig route = routes.match(classification, input.coder(), input.domain());

        String arm = null;
        List<String> names;
        if (input.pinnedModel() != null) {
            names = new ArrayList<>(config.models().keySet());
        } else if (route.strategy() == RoutingStrategy.EXPERIMENT) {
            ExperimentArm chosen = arm(route, input.sessionId() != null ? input.sessionId() : id);
            arm = chosen.name();
            names = chosen.candidates();
        } else {
            names = route.candidates().isEmpty() ? new ArrayList<>(config.models().keySet()) : route.candidates();
        }
        Map<String, ModelConfig> candidates = new LinkedHashMap<>();
        List<Ineligible> unavailable = new ArrayList<>();
        for (String name : names) {
            if (routable.containsKey(name)) {
                candidates.put(name, routable.get(name));
            } else if (unavailableModels.containsKey(name)) {
                unavailable.add(new Ineligible(name, unavailableModels.get(name)));
            }
        }
        Map<String, Double> base = strategies.points(route, candidates, tokens, input.profile() != BudgetProfile.UNLIMITED);

        ProfileSettings settings = config.profiles().get(input.profile());
        List<Object> facts = new ArrayList<>(candidates.size() + 1);
        facts.add(new RequestFacts(input.profile(), input.allowPaid(), settings.qualityThreshold(), input.pinnedModel(),
                tokens, request.streaming(), classification.task(), classification.complexity(), images, tools,
                route.name(), input.coder().coder(), input.coder().mode(), input.coder().sideRequest(), input.domain()));
        List<Candidate> candidateFacts = new ArrayList<>(candidates.size());
        candidates.forEach((name, model) -> candidateFacts.add(new Candidate(name, model.provider(), model.free(),
                model.price().input(), model.price().output(), model.contextWindow(), model.quality(), model.coding(),
                model.reasoning(), model.speed(), model.vision(), model.tools(), model.tier(),
                StrategyScores.fit(route.weights(), model), base.getOrDefault(name, 0.0))));
        facts.addAll(candidateFacts);
        facts.add(escalationPolicy);
        PolicyRules.Evaluation evaluation = rules.evaluate(facts);

        List<Ineligible> ineligible = new ArrayList<>();
        Set<String> excluded = new HashSet<>();
        Map<String, Double> points = new HashMap<>();
        Map<String, List<String>> reasons = new HashMap<>();
        Map<String, String> justifications = new LinkedHashMap<>();
        List<Escalation> escalations = new ArrayList<>();
        String strategy = route.strategy().yamlName();
        for (Verdict verdict : evaluation.verdicts()) {
            if (verdict instanceof Ineligible no) {
                ineligible.add(no);
                excluded.add(no.model());
            } else if (verdict instanceof Score score) {
                points.merge(score.model(), score.points(), Double::sum);
                reasons.computeIfAbsent(score.model(), m -> new ArrayList<>()).add(score.reason());
            } else if (verdict instanceof Justification why) {
                justifications.merge(why.model(), why.reason(), (a, b) -> a + "; " + b);
            } else if (verdict instanceof Escalation escalation) {
                escalations.add(escalation);
            }
        }
        ineligible.sort(Comparator.comparing(Ineligible::model).thenComparing(Ineligible::reason));

        List<RankedCandidate> ranked = new ArrayList<>();
        for (Candidate candidate : candidateFacts) {
            if (!excluded.contains(candidate.model())) {
                List<String> why = new ArrayList<>();
                why.add(strategy + " " + oneDecimal(candidate.base()));
                why.addAll(reasons.getOrDefault(candidate.model(), List.of()));
                ranked.add(new RankedCandidate(candidate, candidate.base() + points.getOrDefault(candidate.model(), 0.0), why));
            }
        }
        // Stable: equal scores keep the route's order.
        ranked.sort(Comparator.comparingDouble(RankedCandidate::score).reversed());
        return new Decision(id, input.profile(), classification, route.name(), strategy, arm, ranked, ineligible,
                unavailable, justifications, evaluation.rulesFired(), input.coder().coder(), escalations,
                input.profile() == BudgetProfile.FREE && !input.allowPaid() && candidateFacts.stream().anyMatch(c -> !c.free()));
    }

    /** {@code %.1f} without a Formatter: this runs once per candidate per request. */
    static String oneDecimal(double value) {
        return fixed(value, 1);
    }

    /** {@code %.Nf} (N = {@code places}, 1 or more) without a Formatter, for text built per candidate. */
    static String fixed(double value, int places) {
        long scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        long units = Math.round(Math.abs(value) * scale);
        String fraction = Long.toString(units % scale);
        return (value < 0 && units != 0 ? "-" : "") + units / scale + "." + "0".repeat(places - fraction.length()) + fraction;
    }

    /** The arm a session falls in: a stable hash of its id over the arms' weights. */
    static ExperimentArm arm(RouteConfig route, String sessionId) {
        int total = route.arms().stream().mapToInt(ExperimentArm::weight).sum();
        // String.hashCode is fixed by the Java spec, so a session keeps its arm across restarts.
        int slot = Math.floorMod(sessionId.hashCode(), total);
        for (ExperimentArm arm : route.arms()) {
            slot -= arm.weight();
            if (slot < 0) {
                return arm;
            }
        }
        return route.arms().get(route.arms().size() - 1);
    }

    private static boolean hasImages(ChatRequest request) {
        for (ChatMessage message : request.messages()) {
            if (message.content() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Map<?, ?> map && "image_url".equals(map.get("type"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
