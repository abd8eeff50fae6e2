package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfigLoaderProblemsTest {

    @TempDir
    Path dir;

    @Test
    void namesAnUnknownKeyAtTheKeyWithTheKnownOnes() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  groq/llama-3.3-70b:
                    provider: groq
                    context-window: 131072
                    quality: 0.62
                    pricee: { input: 1, output: 2 }
                """);

        assertThat(config.problems()).containsExactly("models.yaml:6:5: unknown key 'pricee' in "
                + "models.groq/llama-3.3-70b (known: coding, context-window, enabled, free, price, provider, quality, reasoning, speed, tier, tools, upstream, vision)");
    }

    @Test
    void namesAnUnknownKeyInsideANestedMapping() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  m:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                    price:
                      input: 1
                      output: 2
                      cached: 0.5
                """);

        assertThat(config.problems())
                .containsExactly("models.yaml:9:7: unknown key 'cached' in models.m.price (known: input, output)");
    }

    @Test
    void pointsAtAValueOfTheWrongType() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  port: forty
                """);

        assertThat(config.problems()).containsExactly("gateway.yaml:2:9: 'port' must be a number, got \"forty\"");
    }

    @Test
    void namesAListGivenAsAMappingInARoute() {
        // Found by ConfigFuzzTest: the route checks read such a mapping as a list and failed with a NullPointerException.
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("routes.yaml", """
                routes:
                  - name: r
                    when: { task: { security: true } }
                    strategy: priority
                    candidates: { task: [security] }
                """);

        assertThat(config.problems()).hasSize(2).allSatisfy(problem -> assertThat(problem).startsWith("routes.yaml:"))
                .anySatisfy(problem -> assertThat(problem).contains("candidates"))
                .anySatisfy(problem -> assertThat(problem).contains("task"));
    }

    @Test
    void namesKeywordsGivenAsAMapping() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("classifier.yaml", """
                classifier:
                  keywords:
                    security: { xss: 1 }
                """);

        assertThat(config.problems()).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("classifier.yaml:3:").contains("security"));
    }

    @Test
    void namesTheKnownProfilesForAnUnknownOne() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  port: 4000
                profile: CHEAP
                """);

        assertThat(config.problems())
                .containsExactly("gateway.yaml:3:10: unknown profile 'CHEAP' (known: FREE, CAREFUL, UNLIMITED)");
    }

    @Test
    void rejectsAProfileGivenByNumber() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", "profile: 1\n");

        assertThat(config.problems())
                .containsExactly("gateway.yaml:1:10: 'profile' must be one of FREE, CAREFUL, UNLIMITED, got 1");
    }

    @Test
    void describesTypeMismatchesInTheUsersWords() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir)
                .file("gateway.yaml", """
                        gateway:
                          auto-aliases: auto
                          max-body-bytes: 1.5
                        """)
                .file("models.yaml", """
                        models:
                          m:
                            provider: groq
                            context-window: 8192
                            quality: high
                          n:
                            provider: groq
                            context-window: 8192
                            quality: 0.5
                            free: yes
                        """);

        assertThat(config.problems()).containsExactly(
                "gateway.yaml:2:17: 'auto-aliases' must be a list, got \"auto\"",
                "gateway.yaml:3:19: 'max-body-bytes' must be a whole number, got 1.5",
                "models.yaml:5:14: 'quality' must be a number, got \"high\"",
                "models.yaml:10:11: 'free' must be true or false, got \"yes\"");
    }

    @Test
    void rejectsAnEmptyPort() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  port:
                """);

        assertThat(config.problems())
                .containsExactly("gateway.yaml:2:8: 'port' must be between 1 and 65535, got an empty value");
    }

    @Test
    void pointsAtABadItemOfAList() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  auto-aliases:
                    - auto
                    - [tollgate, auto]
                """);

        assertThat(config.problems()).containsExactly("gateway.yaml:4:7: 'auto-aliases[1]' must be text, got a list");
    }

    @Test
    void rejectsAnEmptyItemOfAList() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  auto-aliases: [auto, ~, ""]
                """);

        assertThat(config.problems()).containsExactly(
                "gateway.yaml:2:24: 'auto-aliases[1]' must not be empty, got an empty value",
                "gateway.yaml:2:27: 'auto-aliases[2]' must not be empty, got \"\"");
    }

    @Test
    void rejectsANumberTooLargeForItsKey() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  port: 99999999999
                """);

        assertThat(config.problems()).containsExactly("gateway.yaml:2:9: 'port' is out of range, got 99999999999");
    }

    @Test
    void namesTheKnownProvidersForAModelsUnknownProvider() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  x:
                    provider: groqq
                    context-window: 8192
                    quality: 0.5
                """);

        assertThat(config.problems()).containsExactly(
                "models.yaml:3:15: unknown provider 'groqq' for model 'x' (known: groq, openrouter)");
    }

    @Test
    void checksTheRangesOfModelSettings() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  x:
                    provider: groq
                    context-window: 0
                    quality: 1.5
                    price: { input: -0.5, output: 2 }
                """);

        assertThat(config.problems()).containsExactly(
                "models.yaml:4:21: 'context-window' of model 'x' must be greater than 0, got 0",
                "models.yaml:5:14: 'quality' of model 'x' must be between 0 and 1, got 1.5",
                "models.yaml:6:21: 'input' price of model 'x' must not be negative, got -0.5");
    }

    @Test
    void requiresAnAbsoluteHttpBaseUrl() {
        ConfigDirectory config = ConfigDirectory.empty(dir).withOneModel().file("providers.yaml", """
                providers:
                  groq:
                    plugin: openai-compatible
                    base-url: api.groq.com/openai/v1
                  ftp:
                    plugin: openai-compatible
                    base-url: ftp://example.com/v1
                  spaced:
                    plugin: openai-compatible
                    base-url: https://example.com/a path
                """);

        assertThat(config.problems()).containsExactly(
                "providers.yaml:4:15: 'base-url' of provider 'groq' must be an absolute http or https URL, "
                        + "got \"api.groq.com/openai/v1\"",
                "providers.yaml:7:15: 'base-url' of provider 'ftp' must be an absolute http or https URL, "
                        + "got \"ftp://example.com/v1\"",
                "providers.yaml:10:15: 'base-url' must be a URL, got \"https://example.com/a path\"");
    }

    @Test
    void rejectsPricesThatAreNotFiniteNumbers() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  x:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                    price: { input: .inf, output: 1 }
                  y:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                    price: 5
                """);

        assertThat(config.problems()).containsExactly(
                "models.yaml:6:21: 'input' must be a finite number, got .inf",
                "models.yaml:11:12: 'price' must be a mapping, got 5");
    }

    @Test
    void rejectsAHeaderThatIsNotText() {
        ConfigDirectory config = ConfigDirectory.empty(dir).withOneModel().file("providers.yaml", """
                providers:
                  groq:
                    plugin: openai-compatible
                    base-url: https://api.groq.com/openai/v1
                    headers:
                      X-Extra: { nested: true }
                """);

        assertThat(config.problems()).containsExactly("providers.yaml:6:16: 'X-Extra' must be text, got a mapping");
    }

    @Test
    void requiresAValueForEveryHeader() {
        ConfigDirectory config = ConfigDirectory.empty(dir).withOneModel().file("providers.yaml", """
                providers:
                  groq:
                    plugin: openai-compatible
                    base-url: https://api.groq.com/openai/v1
                    headers:
                      X-Title:
                """);

        assertThat(config.problems()).containsExactly(
                "providers.yaml:6:15: 'X-Title' header of provider 'groq' must have a value, got an empty value");
    }

    @Test
    void namesMissingRequiredKeysAtTheirEntry() {
        ConfigDirectory config = ConfigDirectory.empty(dir)
                .file("providers.yaml", """
                        providers:
                          groq:
                            base-url: https://api.groq.com/openai/v1
                        """)
                .file("models.yaml", """
                        models:
                          m:
                            provider: groq
                          n:
                            provider: groq
                            context-window: 8192
                            quality: 0.5
                            price: { input: 1 }
                        """);

        assertThat(config.problems()).containsExactly(
                "models.yaml:2:3: missing required key 'context-window' in models.m",
                "models.yaml:2:3: missing required key 'quality' in models.m",
                "models.yaml:8:5: missing required key 'output' in models.n.price",
                "providers.yaml:2:3: missing required key 'plugin' in providers.groq");
    }

    @Test
    void treatsAnEmptyRequiredValueAsMissing() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  m:
                    provider:
                    context-window: 8192
                    quality: 0.5
                """);

        assertThat(config.problems()).containsExactly("models.yaml:3:14: 'provider' in models.m must not be empty");
    }

    @Test
    void requiresAtLeastOneModel() {
        assertThat(ConfigDirectory.withProviders(dir).file("models.yaml", "models: {}\n").problems())
                .containsExactly("models.yaml:1:1: no models are defined: add at least one entry under 'models'");
    }

    @Test
    void requiresAModelsSection() {
        assertThat(ConfigDirectory.withProviders(dir).problems())
                .containsExactly(dir + ": no models are defined: add at least one entry under 'models'");
    }

    @Test
    void namesTheKnownSectionsForAnUnknownOne() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  port: 4000
                budget:
                  monthly: 20
                """);

        assertThat(config.problems()).containsExactly(
                "gateway.yaml:3:1: unknown section 'budget' (known: alerts, budgets, classifier, coders, escalation, gateway, keys, models, overlay, profile, profiles, providers, quotas, routes, savings, state, store, workflows)");
    }

    @Test
    void namesBothFilesOfASectionDefinedTwice() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("more-models.yaml", """
                # extra models
                models:
                  m:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                """);

        assertThat(config.problems()).containsExactly("more-models.yaml:2:1: section 'models' is already defined at "
                + "models.yaml:1:1; define each section in one file only");
    }

    @Test
    void reportsADuplicateKeyWithinAFile() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  m:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                    quality: 0.6
                """);

        assertThat(config.problems()).containsExactly("models.yaml:6:5: duplicate key 'quality' (first at line 5)");
    }

    @Test
    void positionsAYamlSyntaxErrorWithTheParsersWords() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  m: { provider: groq, context-window: 8192
                  n: 1
                """);

        assertThat(config.problems()).singleElement().asString()
                .startsWith("models.yaml:3:4: ")
                .contains("while parsing a flow mapping at line 2, column 6")
                .doesNotContain("\n");
    }

    @Test
    void positionsATabIndentation() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", "models:\n\tm: {}\n");

        assertThat(config.problems()).singleElement().asString()
                .startsWith("models.yaml:2:1: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void reportsSyntaxErrorsOfEveryFileBeforeCheckingAnything() {
        ConfigDirectory config = ConfigDirectory.empty(dir)
                .file("a.yaml", "providers: [\n")
                .file("b.yaml", "models:\n  m: *undefined\n");

        assertThat(config.problems()).satisfiesExactly(
                first -> assertThat(first).startsWith("a.yaml:2:1: "),
                second -> assertThat(second).isEqualTo("b.yaml:2:6: found undefined alias undefined"));
    }

    @Test
    void rejectsAFileThatIsNotAMappingOfSections() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", "- port: 4000\n");

        assertThat(config.problems()).containsExactly(
                "gateway.yaml:1:1: a config file must be a mapping of sections (alerts, budgets, classifier, coders, escalation, gateway, keys, models, overlay, profile, profiles, providers, quotas, routes, savings, state, store, workflows), "
                        + "got a list");
    }

    @Test
    void collectsEveryProblemInFileOrder() {
        ConfigDirectory config = ConfigDirectory.empty(dir)
                .file("gateway.yaml", """
                        gateway:
                          port: forty
                        profile: CHEAP
                        """)
                .file("providers.yaml", """
                        providers:
                          groq:
                            plugin: openai-compatible
                            base-url: api.groq.com
                        """)
                .file("models.yaml", """
                        models:
                          a:
                            provider: groqq
                            context-window: 8192
                            quality: 0.5
                          b:
                            provider: groq
                            context-window: 8192
                            quality: 2
                            pricee: 1
                        """);

        ConfigException failure = assertThatExceptionOfType(ConfigException.class).isThrownBy(config::load).actual();

        assertThat(failure.problems()).hasSize(5);
        assertThat(failure.getMessage().replace(dir + "/", "")).isEqualTo("""
                gateway.yaml:2:9: 'port' must be a number, got "forty"
                gateway.yaml:3:10: unknown profile 'CHEAP' (known: FREE, CAREFUL, UNLIMITED)
                models.yaml:3:15: unknown provider 'groqq' for model 'a' (known: groq)
                models.yaml:10:5: unknown key 'pricee' in models.b (known: coding, context-window, enabled, free, price, provider, quality, reasoning, speed, tier, tools, upstream, vision)
                providers.yaml:4:15: 'base-url' of provider 'groq' must be an absolute http or https URL, got "api.groq.com\"""");
    }
}
