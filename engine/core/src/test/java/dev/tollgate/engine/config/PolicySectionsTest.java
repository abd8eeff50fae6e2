package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy's own sections (profiles, keys, routes, classifier) and the catalog's capabilities: read, defaulted, checked. */
class PolicySectionsTest {
    private static final String TASKS = "(known: coding, debugging, refactoring, review, documentation, architecture, security, reasoning, vision, chat, summarisation, titling)";
    private static final String TWO_MODELS = """
            models:
              groq/llama:
                provider: groq
                context-window: 131072
                quality: 0.62
                free: true
              openrouter/big:
                provider: openrouter
                context-window: 200000
                quality: 0.9
                coding: 0.95
                price: { input: 3, output: 15 }
            """;

    @TempDir
    Path dir;

    private ConfigDirectory config() {
        return ConfigDirectory.withProviders(dir).file("models.yaml", TWO_MODELS);
    }

    @Test
    void readsProfilesKeysRoutesAndClassifier() throws ConfigException {
        TollgateConfig loaded = config()
                .file("profiles.yaml", """
                        profiles:
                          FREE: { allow-paid: true }
                          CAREFUL: { quality-threshold: 0.75 }
                        """)
                .file("keys.yaml", """
                        keys:
                          ci:
                            key-env: CI_GATEWAY_KEY
                            profile: careful
                            allow-paid: false
                            team: platform
                        """)
                .file("routes.yaml", """
                        routes:
                          - name: hard
                            when: { task: [security], complexity: [complex] }
                            strategy: capability-score
                            weights: { coding: 0.2, reasoning: 0.7, speed: 0, cost: 0.1 }
                          - name: ab
                            when: { task: [coding] }
                            strategy: experiment
                            arms:
                              - { name: a, weight: 3, candidates: [groq/llama] }
                              - { name: b, weight: 1, candidates: [openrouter/big] }
                        """)
                .file("classifier.yaml", """
                        classifier:
                          keywords:
                            security: ["sql injection"]
                          complexity:
                            simple-below-tokens: 100
                            complex-above-tokens: 1000
                            complex-tasks: [security]
                        """)
                .load();

        assertThat(loaded.profiles().get(BudgetProfile.FREE).allowPaid()).isTrue();
        assertThat(loaded.profiles().get(BudgetProfile.CAREFUL).qualityThreshold()).isEqualTo(0.75);
        assertThat(loaded.keys().get("ci")).isEqualTo(new GatewayKey("CI_GATEWAY_KEY", BudgetProfile.CAREFUL, false, "platform"));
        assertThat(loaded.routes()).extracting(RouteConfig::name).containsExactly("hard", "ab");
        assertThat(loaded.routes().get(0).strategy()).isEqualTo(RoutingStrategy.CAPABILITY_SCORE);
        assertThat(loaded.routes().get(0).weights()).isEqualTo(new Weights(0.2, 0.7, 0, 0.1));
        assertThat(loaded.routes().get(1).arms()).extracting(ExperimentArm::name, ExperimentArm::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 3), org.assertj.core.groups.Tuple.tuple("b", 1));
        assertThat(loaded.classifier().complexity().complexAboveTokens()).isEqualTo(1000);
    }

    @Test
    void capabilitiesDefaultFromQuality() throws ConfigException {
        ModelConfig llama = config().load().models().get("groq/llama");
        ModelConfig big = config().load().models().get("openrouter/big");

        assertThat(llama.coding()).isEqualTo(0.62);
        assertThat(llama.reasoning()).isEqualTo(0.62);
        assertThat(llama.speed()).isEqualTo(0.5);
        assertThat(llama.tools()).isTrue();
        assertThat(llama.vision()).isFalse();
        assertThat(big.coding()).isEqualTo(0.95);
    }

    @Test
    void checksTheRangesOfCapabilities() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  x:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                    coding: 1.2
                    speed: -0.1
                """);

        assertThat(config.problems()).containsExactly(
                "models.yaml:6:13: 'coding' of model 'x' must be between 0 and 1, got 1.2",
                "models.yaml:7:12: 'speed' of model 'x' must be between 0 and 1, got -0.1");
    }

    @Test
    void aRouteNamesOnlyCatalogModelsKnownTasksAndComplexities() {
        ConfigDirectory config = config().file("routes.yaml", """
                routes:
                  - name: r
                    when: { task: [secruity], complexity: [hard] }
                    strategy: priority
                    candidates: [groq/llama, groq/llama-4]
                """);

        assertThat(config.problems()).containsExactly(
                "routes.yaml:3:20: unknown task type 'secruity' " + TASKS,
                "routes.yaml:3:44: unknown complexity 'hard' (known: simple, medium, complex)",
                "routes.yaml:5:30: unknown model 'groq/llama-4' in route 'r' (known: groq/llama, openrouter/big)");
    }

    @Test
    void anUnknownStrategyNamesTheKnownOnes() {
        ConfigDirectory config = config().file("routes.yaml", """
                routes:
                  - name: r
                    strategy: fastest
                """);

        assertThat(config.problems()).containsExactly(
                "routes.yaml:3:15: unknown strategy 'fastest' (known: priority, cheapest-capable, capability-score, round-robin, lowest-latency, experiment)");
    }

    @Test
    void anExperimentNeedsArmsWithCandidatesAndPositiveWeights() {
        ConfigDirectory config = config().file("routes.yaml", """
                routes:
                  - name: ab
                    strategy: experiment
                    arms:
                      - { name: a, weight: 0, candidates: [groq/llama] }
                      - { name: b, weight: 1, candidates: [] }
                  - name: no-arms
                    strategy: experiment
                """);

        assertThat(config.problems()).containsExactly(
                "routes.yaml:5:9: arm 'a' of route 'ab' needs a weight above 0",
                "routes.yaml:6:9: arm 'b' of route 'ab' needs at least one candidate",
                "routes.yaml:8:15: experiment route 'no-arms' needs at least two arms");
    }

    @Test
    void weightsMustNotBeNegativeNorAllZero() {
        ConfigDirectory config = config().file("routes.yaml", """
                routes:
                  - name: negative
                    strategy: capability-score
                    weights: { coding: -1, reasoning: 0.5, speed: 0, cost: 0 }
                  - name: zero
                    strategy: capability-score
                    weights: { coding: 0, reasoning: 0, speed: 0, cost: 0 }
                """);

        assertThat(config.problems()).containsExactly(
                "routes.yaml:4:24: weight 'coding' must not be negative",
                "routes.yaml:7:14: at least one weight must be above 0");
    }

    @Test
    void aQualityThresholdIsBetweenZeroAndOne() {
        ConfigDirectory config = config().file("profiles.yaml", """
                profiles:
                  CAREFUL: { quality-threshold: 60 }
                  THRIFTY: {}
                """);

        assertThat(config.problems()).containsExactly(
                "profiles.yaml:2:33: 'quality-threshold' must be between 0 and 1, got 60",
                "profiles.yaml:3:3: unknown profile 'THRIFTY' (known: FREE, CAREFUL, UNLIMITED)");
    }

    @Test
    void aKeyNeedsItsVariableAndAKnownProfile() {
        ConfigDirectory config = config().file("keys.yaml", """
                keys:
                  ci:
                    key-env: CI_KEY
                    profile: STINGY
                  laptop:
                    team: platform
                """);

        assertThat(config.problems()).containsExactly(
                "keys.yaml:4:14: unknown profile 'STINGY' (known: FREE, CAREFUL, UNLIMITED)",
                "keys.yaml:5:3: missing required key 'key-env' or 'key-hash' in keys.laptop");
    }

    @Test
    void theClassifierKnowsOnlyTaskTypesAndOrderedThresholds() {
        ConfigDirectory config = config().file("classifier.yaml", """
                classifier:
                  keywords:
                    gardening: [roses]
                  complexity:
                    simple-below-tokens: 5000
                    complex-above-tokens: 100
                    complex-tasks: [architecture, poetry]
                """);

        assertThat(config.problems()).containsExactly(
                "classifier.yaml:3:5: unknown task type 'gardening' " + TASKS,
                "classifier.yaml:5:26: simple-below-tokens (5000) must not be above complex-above-tokens (100)",
                "classifier.yaml:7:35: unknown task type 'poetry' " + TASKS);
    }
}
