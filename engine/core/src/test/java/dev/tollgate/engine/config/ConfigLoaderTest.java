package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static Path fixture(String name) {
        try {
            return Path.of(ConfigLoaderTest.class.getResource("/config-fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void loadsTheValidFixtureIntoRecords() throws ConfigException {
        TollgateConfig config = ConfigLoader.load(fixture("valid"));

        assertThat(config.gateway()).isEqualTo(new GatewaySettings(4000, 10_485_760L, "data/ledger.db",
                List.of("auto", "tollgate/auto"), 120, 10, null, 0));
        assertThat(config.profile()).isEqualTo(BudgetProfile.CAREFUL);
        assertThat(config.providers().get("groq")).isEqualTo(new ProviderConfig("openai-compatible",
                URI.create("https://api.groq.com/openai/v1"), "GROQ_API_KEY", Map.of()));
        assertThat(config.providers().get("openrouter").headers())
                .containsExactly(Map.entry("HTTP-Referer", "https://github.com/tollgate-dev/tollgate"),
                        Map.entry("X-Title", "Tollgate"));
        assertThat(config.models().get("groq/llama-3.3-70b")).isEqualTo(new ModelConfig("groq",
                "llama-3.3-70b-versatile", 131072, Price.ZERO, true, 0.62, null, null, null, false, null, null));
        ModelConfig paid = config.models().get("openai/gpt-5-mini");
        assertThat(paid.free()).isFalse();
        assertThat(paid.price().input()).isEqualByComparingTo("0.25");
        assertThat(paid.price().output()).isEqualByComparingTo("2.00");
    }

    @Test
    void keepsTheOrderOfTheFiles() throws ConfigException {
        TollgateConfig config = ConfigLoader.load(fixture("valid"));

        assertThat(config.providers().keySet()).containsExactly("groq", "openrouter", "openai", "ollama");
        assertThat(config.models().keySet())
                .containsExactly("groq/llama-3.3-70b", "openrouter/deepseek-r1", "openai/gpt-5-mini", "qwen2.5-coder:7b");
    }

    @Test
    void appliesDefaultsForWhatTheFilesLeaveOut() throws ConfigException {
        TollgateConfig config = ConfigLoader.load(fixture("valid"));

        ProviderConfig local = config.providers().get("ollama");
        assertThat(local.apiKeyEnv()).isNull();
        assertThat(local.headers()).isEmpty();
        ModelConfig model = config.models().get("qwen2.5-coder:7b");
        assertThat(model.upstream()).isEqualTo("qwen2.5-coder:7b");
        assertThat(model.price()).isEqualTo(Price.ZERO);
        assertThat(config.models().get("openai/gpt-5-mini").free()).isFalse();
    }

    @Test
    void usesGatewayDefaultsAndTheFreeProfileWhenTheirSectionsAreAbsent(@TempDir Path dir) throws ConfigException {
        TollgateConfig config = ConfigDirectory.withProviders(dir).withOneModel().load();

        assertThat(config.gateway()).isEqualTo(GatewaySettings.defaults());
        assertThat(config.gateway()).isEqualTo(new GatewaySettings(4000, 10_485_760L, "data/ledger.db",
                List.of("auto", "tollgate/auto"), 120, 10, null, 0));
        assertThat(config.profile()).isEqualTo(BudgetProfile.FREE);
    }

    @Test
    void overridesOnlyTheGatewayKeysGiven(@TempDir Path dir) throws ConfigException {
        TollgateConfig config = ConfigDirectory.withProviders(dir).withOneModel().file("gateway.yaml", """
                gateway:
                  port: 8080
                  upstream-timeout-seconds: 300
                """).load();

        assertThat(config.gateway()).isEqualTo(new GatewaySettings(8080, 10_485_760L, "data/ledger.db",
                List.of("auto", "tollgate/auto"), 300, 10, null, 0));
    }

    @Test
    void acceptsTheProfileInAnyCase(@TempDir Path dir) throws ConfigException {
        TollgateConfig config = ConfigDirectory.withProviders(dir).withOneModel()
                .file("gateway.yaml", "profile: unlimited\n").load();

        assertThat(config.profile()).isEqualTo(BudgetProfile.UNLIMITED);
    }

    @Test
    void readsYmlFilesAndSkipsOtherAndHiddenFiles(@TempDir Path dir) throws ConfigException {
        TollgateConfig config = ConfigDirectory.withProviders(dir)
                .file("models.yml", """
                        models:
                          m:
                            provider: groq
                            context-window: 8192
                            quality: 0.5
                        """)
                .file("notes.txt", "not: [yaml")
                .file(".#models.yaml", "not: [yaml")
                .file("empty.yaml", "# nothing here yet\n")
                .load();

        assertThat(config.models()).containsOnlyKeys("m");
    }

    @Test
    void keepsPricesExactlyAsWritten(@TempDir Path dir) throws ConfigException {
        TollgateConfig config = ConfigDirectory.withProviders(dir).file("models.yaml", """
                models:
                  m:
                    provider: groq
                    context-window: 8192
                    quality: 0.5
                    price: { input: 0.10, output: 3 }
                """).load();

        assertThat(config.models().get("m").price()).isEqualTo(new Price(new BigDecimal("0.10"), new BigDecimal("3")));
    }

    @Test
    void givesUnmodifiableRecords() throws ConfigException {
        TollgateConfig config = ConfigLoader.load(fixture("valid"));

        assertThatThrownBy(() -> config.models().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.providers().remove("groq")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.providers().get("openrouter").headers().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.gateway().autoAliases().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reportsAMissingDirectory(@TempDir Path dir) {
        Path missing = dir.resolve("config");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": config directory not found");
    }

    @Test
    void reportsADirectoryWithoutYamlFiles(@TempDir Path dir) {
        ConfigDirectory.empty(dir).file("README.md", "# config\n");

        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": no *.yaml files in " + dir);
    }
}
