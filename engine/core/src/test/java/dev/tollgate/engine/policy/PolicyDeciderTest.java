package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.ClassifierConfig;
import dev.tollgate.engine.config.ComplexityRules;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ExperimentArm;
import dev.tollgate.engine.config.GatewaySettings;
import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.Price;
import dev.tollgate.engine.config.ProfileSettings;
import dev.tollgate.engine.config.ProviderConfig;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.RouteMatch;
import dev.tollgate.engine.config.RoutingStrategy;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.config.Weights;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped rules (rules/*.drl) and the strategies over a small catalog. */
class PolicyDeciderTest {
    private static PolicyRules rules;

    @BeforeAll
    static void compileShippedRules() throws ConfigException {
        rules = PolicyRules.compile(Path.of(System.getProperty("tollgate.repo"), "rules"));
    }

    private static ModelConfig model(String provider, int context, String input, String output, boolean free,
                                     double quality, double reasoning) {
        return new ModelConfig(provider, provider, context, new Price(new BigDecimal(input), new BigDecimal(output)), free,
                quality, quality, reasoning, 0.5, false, true, null);
    }

    private static TollgateConfig config(List<RouteConfig> routes) {
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        models.put("free/small", model("free", 8_000, "0", "0", true, 0.4, 0.4));
        models.put("free/big", model("free", 128_000, "0", "0", true, 0.7, 0.9));
        models.put("paid/best", model("paid", 200_000, "2.5", "10", false, 0.95, 0.95));
        models.put("other/keyless", model("other", 200_000, "0", "0", true, 0.99, 0.99));
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        for (String name : List.of("free", "paid", "other")) {
            providers.put(name, new ProviderConfig("openai-compatible", URI.create("http://localhost/" + name), null, Map.of()));
        }
        Map<BudgetProfile, ProfileSettings> profiles = Map.of(BudgetProfile.FREE, new ProfileSettings(false, 0),
                BudgetProfile.CAREFUL, new ProfileSettings(true, 0.6), BudgetProfile.UNLIMITED, new ProfileSettings(true, 0));
        ClassifierConfig classifier = new ClassifierConfig(Map.of("security", List.of("injection")),
                new ComplexityRules(400, 6000, List.of("security")));
        return new TollgateConfig(GatewaySettings.defaults(), BudgetProfile.FREE, profiles, providers, models, Map.of(),
                routes, classifier);
    }

    private static Decision decide(List<RouteConfig> routes, BudgetProfile profile, String pinned, String prompt,
                                   String session) {
        PolicyDecider decider = new PolicyDecider(config(routes), rules, Map.of("other", "no API key"),
                new RoundRobinCounters(), new LatencyStats());
        ChatRequest request = new ChatRequest("auto", List.of(ChatMessage.of("user", prompt)), false, null, null, null, null);
        return decider.decide(new DecisionInput(request, pinned, profile, profile != BudgetProfile.FREE, null, session));
    }

    private static Decision decide(BudgetProfile profile, String pinned, String prompt) {
        return decide(List.of(), profile, pinned, prompt, null);
    }

    /** The shipped rules/*.drl, copied into {@code dir} for a test to add a file of its own next to them. */
    private static void copyShippedRules(Path dir) throws IOException {
        try (var shipped = Files.list(Path.of(System.getProperty("tollgate.repo"), "rules"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }

    private static List<String> order(Decision decision) {
        return decision.ranked().stream().map(c -> c.candidate().model()).toList();
    }

    private static RouteConfig route(RoutingStrategy strategy, List<String> candidates, List<ExperimentArm> arms) {
        return new RouteConfig("r", new RouteMatch(List.of(), List.of()), strategy, candidates, Weights.DEFAULT, arms);
    }

    @Test
    void unlimitedTriesTheStrongestModelFirstWhateverItCosts() {
        assertThat(order(decide(BudgetProfile.UNLIMITED, null, "hi"))).containsExactly("paid/best", "free/big", "free/small");
    }

    @Test
    void carefulTriesFreeModelsThatMeetTheBarFirstAndJustifiesPaidOnes() {
        Decision decision = decide(BudgetProfile.CAREFUL, null, "hi");

        assertThat(order(decision)).containsExactly("free/big", "paid/best", "free/small");
        assertThat(decision.justifications().get("paid/best")).startsWith("fallback: only after every free model");
    }

    @Test
    void freeNeverRanksAPaidModelAndSaysWhy() {
        Decision decision = decide(BudgetProfile.FREE, null, "hi");

        assertThat(order(decision)).containsExactly("free/big", "free/small");
        assertThat(decision.ineligible()).extracting(Ineligible::model).containsExactly("paid/best");
        assertThat(decision.ineligible().get(0).reason()).startsWith("profile FREE never uses paid models");
        assertThat(decision.rulesFired()).contains("FREE never uses paid models");
    }

    @Test
    void decisionsOnReusedSessionsStartFromNothing() throws Exception {
        // Sessions are pooled: what one decision concluded must not leak into the next, also when they run at once.
        Decision careful = decide(BudgetProfile.CAREFUL, null, "hi");
        Decision free = decide(BudgetProfile.FREE, null, "hi");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Decision>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                BudgetProfile profile = i % 2 == 0 ? BudgetProfile.CAREFUL : BudgetProfile.FREE;
                runs.add(pool.submit(() -> decide(profile, null, "hi")));
            }
            for (int i = 0; i < runs.size(); i++) {
                Decision expected = i % 2 == 0 ? careful : free;
                Decision actual = runs.get(i).get();
                assertThat(order(actual)).isEqualTo(order(expected));
                assertThat(actual.rulesFired()).isEqualTo(expected.rulesFired());
                assertThat(actual.ineligible()).isEqualTo(expected.ineligible());
                assertThat(actual.justifications()).isEqualTo(expected.justifications());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCandidatesReasonsComeInTheOrderTheRulesGaveThemEveryTime(@TempDir Path dir) throws Exception {
        // Drools keeps facts in an identity map, whose order changes from one decision to the next; the reasons must not.
        copyShippedRules(dir);
        Files.writeString(dir.resolve("users.drl"), """
                package tollgate.rules;
                import dev.tollgate.engine.policy.Candidate;
                import dev.tollgate.engine.policy.Score;
                rule "A user's points for free models"
                when
                    $c : Candidate(free == true)
                then
                    insert(new Score($c.model(), 1, "a user's point"));
                end
                """);
        PolicyDecider decider = new PolicyDecider(config(List.of()), PolicyRules.compile(dir), Map.of(),
                new RoundRobinCounters(), new LatencyStats());
        ChatRequest request = new ChatRequest("auto", List.of(ChatMessage.of("user", "hi")), false, null, null, null, null);

        List<List<String>> reasons = IntStream.range(0, 30).mapToObj(i -> decider.decide(
                        new DecisionInput(request, null, BudgetProfile.CAREFUL, true, null, null)).ranked().stream()
                .filter(c -> c.candidate().model().equals("free/big")).findFirst().orElseThrow().reasons()).toList();

        assertThat(reasons).allSatisfy(r -> assertThat(r).containsExactly(reasons.get(0).get(0),
                "free, and its fit 0.75 meets the bar 0.6", "a user's point"));
    }

    @Test
    void carefulsJustificationChangesWhenALaterRuleExcludesTheOnlyFreeModelThatMeetsTheBar(@TempDir Path dir)
            throws Exception {
        // The usable-free fact is inserted logically: a rule that fires after it (lower salience) and excludes the
        // last free model meeting the bar takes it away, and the paid model's justification follows.
        copyShippedRules(dir);
        Files.writeString(dir.resolve("late.drl"), """
                package tollgate.rules;
                import dev.tollgate.engine.policy.Candidate;
                import dev.tollgate.engine.policy.Ineligible;
                rule "A late rule excludes free/big"
                salience -100
                when
                    $c : Candidate(model == "free/big")
                then
                    insert(new Ineligible($c.model(), "excluded late"));
                end
                """);
        PolicyDecider decider = new PolicyDecider(config(List.of()), PolicyRules.compile(dir), Map.of("other", "no API key"),
                new RoundRobinCounters(), new LatencyStats());
        ChatRequest request = new ChatRequest("auto", List.of(ChatMessage.of("user", "hi")), false, null, null, null, null);

        Decision decision = decider.decide(new DecisionInput(request, null, BudgetProfile.CAREFUL, true, null, null));

        assertThat(order(decision)).containsExactly("paid/best", "free/small");
        assertThat(decision.justifications().get("paid/best")).startsWith("no usable free model reaches the quality bar 0.6")
                .doesNotContain("fallback");
        assertThat(decision.rulesFired()).containsSubsequence("CAREFUL counts the free models that meet the quality bar "
                + "and may serve", "A late rule excludes free/big", "CAREFUL pays when no usable free model meets the quality bar");
    }

    @Test
    void aRuleMayDeleteOrUpdateTheFactsItMatched(@TempDir Path dir) throws Exception {
        // The decision's own facts go into the session without the working memory's map of objects (RuleSession);
        // a rule's delete or update of a fact it matched must still work, through the match's handle.
        Files.writeString(dir.resolve("users.drl"), """
                package tollgate.rules;
                import dev.tollgate.engine.policy.Candidate;
                import dev.tollgate.engine.policy.RequestFacts;
                import dev.tollgate.engine.policy.Ineligible;
                rule "A user's rule drops paid models"
                when
                    $c : Candidate(free == false)
                then
                    insert(new Ineligible($c.model(), "a user's rule drops it"));
                    delete($c);
                end
                rule "A user's rule touches the request"
                no-loop true
                when
                    $r : RequestFacts()
                then
                    update($r);
                end
                """);
        PolicyDecider decider = new PolicyDecider(config(List.of()), PolicyRules.compile(dir), Map.of(),
                new RoundRobinCounters(), new LatencyStats());
        ChatRequest request = new ChatRequest("auto", List.of(ChatMessage.of("user", "hi")), false, null, null, null, null);

        for (int i = 0; i < 3; i++) {
            Decision decision = decider.decide(new DecisionInput(request, null, BudgetProfile.UNLIMITED, true, null, null));

            assertThat(order(decision)).doesNotContain("paid/best").contains("free/big");
            assertThat(decision.ineligible()).contains(new Ineligible("paid/best", "a user's rule drops it"));
            assertThat(decision.rulesFired()).contains("A user's rule drops paid models", "A user's rule touches the request");
        }
    }

    @Test
    void scoresInReasonsHaveOneDecimalAsPercentFormatWould() {
        for (double value : new double[] {0, 0.04, 0.05, 91.64, 100, 62.75, -0.04, -1000.25, 1234.56}) {
            assertThat(PolicyDecider.fixed(value, 1)).as("%s", value)
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", value).replace("-0.0", "0.0"));
        }
    }

    @Test
    void aPinnedModelServesAlone() {
        assertThat(order(decide(BudgetProfile.UNLIMITED, "free/small", "hi"))).containsExactly("free/small");
    }

    @Test
    void aPromptLargerThanTheContextWindowExcludesTheModel() {
        Decision decision = decide(BudgetProfile.UNLIMITED, null, "word ".repeat(10_000));

        assertThat(order(decision)).containsExactly("paid/best", "free/big");
        assertThat(decision.ineligible()).extracting(Ineligible::reason).singleElement().asString()
                .contains("exceeds its context window of 8000");
    }

    @Test
    void aPromptNoFreeModelCanReadCallsForOneEscalationThatCarefulTakesToThePaidModelThatCan() {
        // about 150 000 tokens: more than free/big's 128 000, less than paid/best's 200 000
        Decision decision = decide(BudgetProfile.CAREFUL, null, "word ".repeat(120_000));

        assertThat(decision.escalations()).extracting(Escalation::trigger).containsExactly("context_too_long");
        assertThat(order(decision)).containsExactly("paid/best");
        assertThat(decision.justifications().get("paid/best"))
                .contains("escalation (context_too_long): a prompt of ~150004 tokens fits no free model's context window");
        assertThat(decision.rulesFired()).containsOnlyOnce("A prompt no free model can read calls for a paid model");
    }

    @Test
    void underFreeTheSameEscalationIsConcludedForTheLedgerWhilePaidModelsStayOut() {
        Decision decision = decide(BudgetProfile.FREE, null, "word ".repeat(120_000));

        assertThat(decision.escalations()).extracting(Escalation::trigger).containsExactly("context_too_long");
        assertThat(decision.ranked()).isEmpty();
        assertThat(decision.paidWithheld()).isTrue();
    }

    @Test
    void aPromptNoPaidModelCanReadEitherCallsForNoEscalation() {
        // about 250 000 tokens: more than any model here reads
        Decision decision = decide(BudgetProfile.CAREFUL, null, "word ".repeat(200_000));

        assertThat(decision.escalations()).isEmpty();
        assertThat(decision.ranked()).isEmpty();
    }

    @Test
    void modelsOfUnavailableProvidersAreNeverRankedAndSayWhy() {
        Decision decision = decide(BudgetProfile.UNLIMITED, null, "hi");

        assertThat(order(decision)).doesNotContain("other/keyless");
        assertThat(decision.unavailable()).containsExactly(new Ineligible("other/keyless", "no API key"));
    }

    @Test
    void theClassificationNamesItsSignal() {
        Classification classification = decide(BudgetProfile.FREE, null, "Is this open to SQL injection?").classification();

        assertThat(classification).isEqualTo(new Classification("security", "complex",
                "keyword 'injection' in the last user message", "task 'security' is always complex"));
    }

    @Test
    void priorityKeepsTheRoutesOrder() {
        Decision decision = decide(List.of(route(RoutingStrategy.PRIORITY, List.of("free/small", "free/big"), List.of())),
                BudgetProfile.UNLIMITED, null, "hi", null);

        assertThat(order(decision)).containsExactly("free/small", "free/big");
        assertThat(decision.strategy()).isEqualTo("priority");
    }

    @Test
    void roundRobinStartsOneFurtherEachTime() {
        List<RouteConfig> routes = List.of(route(RoutingStrategy.ROUND_ROBIN, List.of("free/small", "free/big"), List.of()));
        PolicyDecider decider = new PolicyDecider(config(routes), rules, Map.of(), new RoundRobinCounters(), new LatencyStats());
        ChatRequest request = new ChatRequest("auto", List.of(ChatMessage.of("user", "hi")), false, null, null, null, null);

        List<String> firsts = IntStream.range(0, 4).mapToObj(i -> order(decider.decide(
                new DecisionInput(request, null, BudgetProfile.FREE, false, null, null))).get(0)).toList();

        assertThat(firsts).containsExactly("free/small", "free/big", "free/small", "free/big");
    }

    @Test
    void anExperimentKeepsASessionInItsArm() {
        List<RouteConfig> routes = List.of(route(RoutingStrategy.EXPERIMENT, List.of(), List.of(
                new ExperimentArm("a", 50, List.of("free/small")), new ExperimentArm("b", 50, List.of("free/big")))));

        Decision first = decide(routes, BudgetProfile.FREE, null, "hi", "alice");
        Decision again = decide(routes, BudgetProfile.FREE, null, "hi", "alice");

        assertThat(first.experimentArm()).isNotNull().isEqualTo(again.experimentArm());
        assertThat(order(first)).isEqualTo(order(again)).hasSize(1);
    }

    @Test
    void aDrlErrorNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.drl"), "package tollgate.rules;\n\nrule \"oops\"\nwhen\n  Candidate( free == )\nthen\nend\n");

        assertThatThrownBy(() -> PolicyRules.compile(dir)).isInstanceOf(ConfigException.class)
                .hasMessageMatching("(?s).*mine\\.drl:5:22: no viable alternative at input '\\)' in rule \"oops\".*")
                .hasMessageNotContaining("null Package");
    }

    @Test
    void unclosedBracketsThatKeepTheParserBusyAreRefusedInTime(@TempDir Path dir) throws Exception {
        // Found by RulesFuzzTest in CI: Drools' parser backtracks exponentially over nested unclosed '['.
        Files.writeString(dir.resolve("mine.drl"), "package tollgate.rules;\nimport dev.tollgate.engine.policy.Candidate;\n"
                + "rule \"x\" when Candidate(model == " + "[".repeat(40) + " ) then end\n");
        long started = System.nanoTime();

        assertThatThrownBy(() -> PolicyRules.compile(dir, java.time.Duration.ofSeconds(2))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mine.drl").hasMessageContaining("did not finish within 2 s");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
    }
}
