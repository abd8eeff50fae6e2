package dev.tollgate.engine.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.config.ConfigLoader;
import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.TollgateConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate models refresh}: a listing in OpenRouter's documented format (trimmed to five
 * models, src/test/resources/listings/openrouter-models.json) becomes a reviewable overlay that,
 * copied into models.yaml, loads as catalog entries with the listing's prices, context windows and free variants.
 */
class ModelsRefreshTest {
    private static final Path LISTING = listing();

    private final WireMockServer openRouter = new WireMockServer(wireMockConfig().dynamicPort());
    private final TestGateway gateway = new TestGateway().model(TestGateway.Model.free("openrouter/qwen3-coder:free", 0.8));

    @BeforeEach
    void start() {
        openRouter.start();
    }

    @AfterEach
    void stop() throws Exception {
        openRouter.stop();
        gateway.close();
    }

    private static Path listing() {
        try {
            return Path.of(ModelsRefreshTest.class.getResource("/listings/openrouter-models.json").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path config() {
        return gateway.home().resolve("config");
    }

    @Test
    void writesTheModelsTheCatalogLacksToAnOverlayThatLoads() throws Exception {
        // The catalog already has the :free Qwen under this upstream id.
        gateway.model(new TestGateway.Model("openrouter/qwen3-coder:free", "openrouter", "qwen/qwen3-coder:free", true, 0.8,
                "0", "0", 262144, null, false)).writeConfig();

        CliRun run = CliRun.of("models", "refresh", "openrouter", "--home", gateway.home().toString(),
                "--from", LISTING.toAbsolutePath().toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("openrouter lists 5 models (2 free); 1 already in the catalog; 1 without a price left out; 3 written");
        Path overlay = config().resolve("openrouter-models.yaml.review");
        String yaml = Files.readString(overlay);
        assertThat(yaml).doesNotContain("qwen/qwen3-coder:free").doesNotContain("openrouter/auto");

        // As the user would: the reviewed entries appended under models: in models.yaml.
        Files.writeString(config().resolve("models.yaml"), yaml.substring(yaml.indexOf("models:\n") + "models:\n".length()),
                java.nio.file.StandardOpenOption.APPEND);
        TollgateConfig loaded = ConfigLoader.load(config());
        ModelConfig free = loaded.models().get("openrouter/deepseek/deepseek-chat-v3.1:free");
        assertThat(free.free()).isTrue();
        assertThat(free.contextWindow()).isEqualTo(163800);
        ModelConfig claude = loaded.models().get("openrouter/anthropic/claude-sonnet-4.5");
        assertThat(claude.free()).isFalse();
        assertThat(claude.price().input()).isEqualByComparingTo(new BigDecimal("3"));
        assertThat(claude.price().output()).isEqualByComparingTo(new BigDecimal("15"));
        assertThat(claude.vision()).isTrue();
        assertThat(claude.tools()).isTrue();
        ModelConfig llama = loaded.models().get("openrouter/meta-llama/llama-3.3-70b-instruct");
        assertThat(llama.price().input()).isEqualByComparingTo(new BigDecimal("0.13"));
        assertThat(llama.tools()).as("its supported_parameters lack tools").isFalse();
    }

    @Test
    void readsTheListingFromTheProviderWithItsKeyAndHeaders() throws Exception {
        openRouter.stubFor(get(urlEqualTo("/api/v1/models")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(Files.readString(LISTING))));
        gateway.writeConfig();
        Files.writeString(config().resolve("providers.yaml"), """
                providers:
                  openrouter:
                    plugin: openai-compatible
                    base-url: %s/api/v1
                    api-key-env: KEY_OPENROUTER
                    headers:
                      X-Title: Tollgate
                """.formatted(openRouter.baseUrl()));

        CliRun run = CliRun.of("models", "refresh", "openrouter", "--home", gateway.home().toString());

        assertThat(run.status()).as(run.err()).isZero();
        openRouter.verify(getRequestedFor(urlEqualTo("/api/v1/models"))
                .withHeader("Authorization", equalTo("Bearer " + TestGateway.keyOf("openrouter")))
                .withHeader("X-Title", equalTo("Tollgate")));
        assertThat(Files.readString(config().resolve("openrouter-models.yaml.review")))
                .contains("openrouter/anthropic/claude-sonnet-4.5");
    }

    @Test
    void anUnknownProviderIsNamed() throws Exception {
        gateway.writeConfig();

        CliRun run = CliRun.of("models", "refresh", "openrouterr", "--home", gateway.home().toString(),
                "--from", LISTING.toAbsolutePath().toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("no provider 'openrouterr'").contains("openrouter");
    }
}
