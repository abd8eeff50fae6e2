package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** overlay.yaml: the dashboard's changes, laid over the other files and checked like them. */
class ConfigOverlayTest {
    private static final String ROUTES = """
            routes:
              - name: coding
                when: { task: [coding] }
                strategy: priority
                candidates: [groq/llama-3.3-70b, openrouter/qwen]
            """;
    private static final String MODELS = """
            models:
              groq/llama-3.3-70b: { provider: groq, context-window: 131072, quality: 0.62 }
              openrouter/qwen: { provider: openrouter, context-window: 32768, quality: 0.5 }
            """;

    @TempDir
    Path dir;

    @Test
    void switchesOffAProviderAndAModelAndReordersARoutesCandidates() throws Exception {
        TollgateConfig config = ConfigLoader.load(ConfigDirectory.withProviders(dir).file("models.yaml", MODELS)
                .file("routes.yaml", ROUTES).file("overlay.yaml", """
                        overlay:
                          providers:
                            groq: { enabled: false }
                          models:
                            openrouter/qwen: { enabled: false }
                          routes:
                            coding: { candidates: [openrouter/qwen, groq/llama-3.3-70b] }
                          gateway:
                            port: 4100
                        """).path());

        assertThat(config.providers().get("groq").enabled()).isFalse();
        assertThat(config.providers().get("openrouter").enabled()).isTrue();
        assertThat(config.providers().get("groq").plugin()).isEqualTo("openai-compatible");
        assertThat(config.models().get("openrouter/qwen").enabled()).isFalse();
        assertThat(config.models().get("groq/llama-3.3-70b").enabled()).isTrue();
        assertThat(config.routes().get(0).candidates()).containsExactly("openrouter/qwen", "groq/llama-3.3-70b");
        assertThat(config.routes().get(0).strategy()).isEqualTo(RoutingStrategy.PRIORITY);
        assertThat(config.gateway().port()).isEqualTo(4100);
    }

    @Test
    void aMistakeInTheOverlayIsReportedAtItsPlaceInOverlayYaml() {
        ConfigDirectory config = ConfigDirectory.withProviders(dir).file("models.yaml", MODELS).file("routes.yaml", ROUTES)
                .file("overlay.yaml", """
                        overlay:
                          providers:
                            groqq: { enabled: false }
                            openrouter: { enabled: maybe }
                          routes:
                            codingg: { candidates: [] }
                        """);

        assertThat(config.problems()).containsExactly(
                "overlay.yaml:3:5: the overlay patches 'groqq' in providers, which no other file defines",
                "overlay.yaml:4:28: 'enabled' must be true or false, got \"maybe\"",
                "overlay.yaml:6:5: the overlay patches route 'codingg', which routes does not define");
    }
}
