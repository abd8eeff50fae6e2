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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one request into a {@link Decision}: classify it, pick its route, let the route's strategy
 * give each candidate its base points, let the rules exclude, score and justify, and rank.
 */
public final class PolicyDecider {
    private static final long[] TENS = {1, 10, 100, 1000};
    private static final String[] ZEROS = {"", "0", "00"};
    private static final Comparator<Ineligible> BY_MODEL_AND_REASON =
            Comparator.comparing(Ineligible::model).thenComparing(Ineligible::reason);
    private static final Comparator<RankedCandidate> BY_SCORE_DESCENDING = (a, b) -> Double.compare(b.score(), a.score());

    private final TollgateConfig config;
    private final PolicyRules rules;
    private final TaskClassifier classifier;
    private final RouteTable routes;
    private final StrategyScores strategies;
    private final Map<String, ModelConfig> routable;
    private final Map<String, String> unavailableModels;
    /** Every catalog model's name, in catalog order: the candidates of a pinned request and of a route that names none. */
    private final List<String> catalog;
    /** The selection of each candidate list the config holds (the catalog, each route's, each arm's), by identity. */
    private final Map<List<String>, Selection> selections;
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
        this.catalog = List.copyOf(config.models().keySet());
        Map<List<String>, Selection> byList = new IdentityHashMap<>();
        byList.put(catalog, select(catalog));
        for (RouteConfig route : config.routes()) {
            byList.computeIfAbsent(route.candidates(), this::select);
            for (ExperimentArm arm : route.arms()) {
                byList.computeIfAbsent(arm.candidates(), this::select);
            }
        }
        this.selections = byList;
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
            names = catalog;
        } else if (route.strategy() == RoutingStrategy.EXPERIMENT) {
            ExperimentArm chosen = arm(route, input.sessionId() != null ? input.sessionId() : id);
            arm = chosen.name();
            names = chosen.candidates();
        } else {
            names = route.candidates().isEmpty() ? catalog : route.candidates();
        }
        Selection selection = selections.get(names);
        if (selection == null) {
            selection = select(names);
        }
        int count = selection.names().size();
        double[] base = strategies.points(route, selection.names(), selection.models(), tokens,
                input.profile() != BudgetProfile.UNLIMITED);

        ProfileSettings settings = config.profiles().get(input.profile());
        RequestFacts requestFacts = new RequestFacts(input.profile(), input.allowPaid(), settings.qualityThreshold(),
                input.pinnedModel(), tokens, request.streaming(), classification.task(), classification.complexity(), images,
                tools, route.name(), input.coder().coder(), input.coder().mode(), input.coder().sideRequest(), input.domain(),
                escalationPolicy, selection.freeContextWindow(), selection.paidContextWindow());
        Candidate[] candidates = new Candidate[count];
        Object[] facts = new Object[count + 1];
        facts[0] = requestFacts;
        boolean anyPaid = false;
        for (int i = 0; i < count; i++) {
            ModelConfig model = selection.models().get(i);
            candidates[i] = new Candidate(selection.names().get(i), model.provider(), model.free(), model.price().input(),
                    model.price().output(), model.contextWindow(), model.quality(), model.coding(), model.reasoning(),
                    model.speed(), model.vision(), model.tools(), model.tier(), StrategyScores.fit(route.weights(), model),
                    base[i], requestFacts);
            facts[i + 1] = candidates[i];
            anyPaid |= !model.free();
        }
        PolicyRules.Evaluation evaluation = rules.evaluate(Arrays.asList(facts));

        List<Ineligible> ineligible = new ArrayList<>();
        boolean[] excluded = new boolean[count];
        double[] points = new double[count];
        String[][] reasons = new String[count][];
        Map<String, String> justifications = new HashMap<>();
        List<Escalation> escalations = new ArrayList<>(0);
        for (Conclusion conclusion : evaluation.conclusions()) {
            if (conclusion instanceof Ineligible no) {
                ineligible.add(no);
                Integer at = selection.positions().get(no.model());
                if (at != null) {
                    excluded[at] = true;
                }
            } else if (conclusion instanceof Score score) {
                Integer at = selection.positions().get(score.model());
                if (at != null) {
                    points[at] += score.points();
                    reasons[at] = append(reasons[at], score.reason());
                }
            } else if (conclusion instanceof Justification why) {
                justifications.merge(why.model(), why.reason(), (a, b) -> a + "; " + b);
            } else if (conclusion instanceof Escalation escalation) {
                escalations.add(escalation);
            }
        }
        ineligible.sort(BY_MODEL_AND_REASON);

        String strategy = route.strategy().yamlName();
        String strategyPrefix = strategy + " ";
        List<RankedCandidate> ranked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (!excluded[i]) {
                Candidate candidate = candidates[i];
                String strategyReason = withFixed(strategyPrefix, candidate.base(), 1);
                List<String> why;
                if (reasons[i] == null) {
                    why = List.of(strategyReason);
                } else {
                    String[] all = new String[reasons[i].length + 1];
                    all[0] = strategyReason;
                    System.arraycopy(reasons[i], 0, all, 1, reasons[i].length);
                    why = List.of(all);
                }
                ranked.add(new RankedCandidate(candidate, candidate.base() + points[i], why));
            }
        }
        // Stable: equal scores keep the route's order.
        ranked.sort(BY_SCORE_DESCENDING);
        return new Decision(id, input.profile(), classification, route.name(), strategy, arm, ranked, ineligible,
                selection.unavailable(), justifications, evaluation.rulesFired(), input.coder().coder(), escalations,
                input.profile() == BudgetProfile.FREE && !input.allowPaid() && anyPaid);
    }

    private static String[] append(String[] reasons, String reason) {
        if (reasons == null) {
            return new String[] {reason};
        }
        String[] more = Arrays.copyOf(reasons, reasons.length + 1);
        more[reasons.length] = reason;
        return more;
    }

    /**
     * The catalog models named by a route (or arm, or the whole catalog) that can be called, in its order, and those
     * that cannot, with the reason, and the largest context window among its free models and among its paid ones.
     * Worked out once per list when the policy loads.
     */
    private record Selection(List<String> names, List<ModelConfig> models, Map<String, Integer> positions,
                             List<Ineligible> unavailable, int freeContextWindow, int paidContextWindow) {
    }

    private Selection select(List<String> wanted) {
        List<String> names = new ArrayList<>();
        List<ModelConfig> models = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        List<Ineligible> unavailable = new ArrayList<>();
        for (String name : wanted) {
            if (routable.containsKey(name)) {
                if (positions.putIfAbsent(name, names.size()) == null) {
                    names.add(name);
                    models.add(routable.get(name));
                }
            } else if (unavailableModels.containsKey(name)) {
                unavailable.add(new Ineligible(name, unavailableModels.get(name)));
            }
        }
        return new Selection(List.copyOf(names), List.copyOf(models), Map.copyOf(positions), List.copyOf(unavailable),
                largestContextWindow(models, true), largestContextWindow(models, false));
    }

    private static int largestContextWindow(List<ModelConfig> models, boolean free) {
        return models.stream().filter(m -> m.free() == free).mapToInt(ModelConfig::contextWindow).max().orElse(0);
    }

    /** {@code %.Nf} (N = {@code places}, 1 to 3) without a Formatter, for text built per candidate. */
    static String fixed(double value, int places) {
        return withFixed("", value, places);
    }

    /** {@code prefix} then {@code value} as {@code %.Nf} (N = {@code places}, 1 to 3), built in one string. */
    static String withFixed(String prefix, double value, int places) {
        long scale = TENS[places];
        long units = Math.round(Math.abs(value) * scale);
        long fraction = units % scale;
        int padding = places - 1;
        for (long digits = 10; fraction >= digits && padding > 0; digits *= 10) {
            padding--;
        }
        return prefix + (value < 0 && units != 0 ? "-" : "") + units / scale + "." + ZEROS[padding] + fraction;
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
