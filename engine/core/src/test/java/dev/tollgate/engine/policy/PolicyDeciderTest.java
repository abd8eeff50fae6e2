package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.GatewaySettings;
import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.Price;
import dev.tollgate.engine.config.ProviderConfig;
import dev.tollgate.engine.config.TollgateConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped rules (rules/*.drl) over a small catalog. */
class PolicyDeciderTest {
    private static PolicyRules rules;

    @BeforeAll
    static void compileShippedRules() throws ConfigException {
        rules = PolicyRules.compile(Path.of(System.getProperty("tollgate.repo"), "rules"));
    }

    private static TollgateConfig catalog(BudgetProfile profile) {
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        models.put("free/small", new ModelConfig("free", "small", 8_000, Price.ZERO, true, 0.4));
        models.put("free/big", new ModelConfig("free", "big", 128_000, Price.ZERO, true, 0.7));
        models.put("paid/best", new ModelConfig("paid", "best", 200_000,
                new Price(new BigDecimal("2.5"), new BigDecimal("10")), false, 0.95));
        models.put("other/keyless", new ModelConfig("other", "x", 200_000, Price.ZERO, true, 0.99));
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        for (String name : List.of("free", "paid", "other")) {
            providers.put(name, new ProviderConfig("openai-compatible", URI.create("http://localhost/" + name), null, Map.of()));
        }
        return new TollgateConfig(GatewaySettings.defaults(), profile, providers, models);
    }

    private static Decision decide(BudgetProfile profile, String pinned, int tokens) {
        PolicyDecider decider = new PolicyDecider(catalog(profile), rules, Map.of("other", "no API key"));
        return decider.decide(new RequestFacts(profile, pinned, tokens, false));
    }

    private static List<String> order(Decision decision) {
        return decision.ranked().stream().map(c -> c.candidate().model()).toList();
    }

    @Test
    void unlimitedTriesTheStrongestModelFirst() {
        assertThat(order(decide(BudgetProfile.UNLIMITED, null, 100))).containsExactly("paid/best", "free/big", "free/small");
    }

    @Test
    void carefulTriesEveryFreeModelBeforeAPaidOne() {
        assertThat(order(decide(BudgetProfile.CAREFUL, null, 100))).containsExactly("free/big", "free/small", "paid/best");
    }

    @Test
    void freeNeverRanksAPaidModelAndSaysWhy() {
        Decision decision = decide(BudgetProfile.FREE, null, 100);

        assertThat(order(decision)).containsExactly("free/big", "free/small");
        assertThat(decision.ineligible()).containsExactly(new Ineligible("paid/best", "profile FREE never uses paid models"));
        assertThat(decision.rulesFired()).contains("FREE never uses paid models", "Stronger models rank higher");
    }

    @Test
    void aPinnedModelServesAlone() {
        assertThat(order(decide(BudgetProfile.UNLIMITED, "free/small", 100))).containsExactly("free/small");
    }

    @Test
    void aPromptLargerThanTheContextWindowExcludesTheModel() {
        Decision decision = decide(BudgetProfile.UNLIMITED, null, 10_000);

        assertThat(order(decision)).containsExactly("paid/best", "free/big");
        assertThat(decision.ineligible()).extracting(Ineligible::reason)
                .containsExactly("prompt of ~10000 tokens exceeds its context window of 8000");
    }

    @Test
    void modelsOfUnavailableProvidersAreNeverRankedAndSayWhy() {
        Decision decision = decide(BudgetProfile.UNLIMITED, null, 100);

        assertThat(order(decision)).doesNotContain("other/keyless");
        assertThat(decision.unavailable()).containsExactly(new Ineligible("other/keyless", "no API key"));
    }

    @Test
    void aDrlErrorNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.drl"), "package tollgate.rules;\n\nrule \"oops\"\nwhen\n  Candidate( free == )\nthen\nend\n");

        assertThatThrownBy(() -> PolicyRules.compile(dir)).isInstanceOf(ConfigException.class)
                .hasMessageMatching("(?s).*mine\\.drl:5:22: no viable alternative at input '\\)' in rule \"oops\".*")
                .hasMessageNotContaining("null Package");
    }
}
