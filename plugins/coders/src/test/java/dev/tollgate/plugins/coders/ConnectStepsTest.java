package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.ConnectSteps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each coder's connection steps name a setting that coder really reads (the name as its own
 * source or documentation spells it) and carry the gateway's URL and key.
 */
class ConnectStepsTest {

    static Stream<Arguments> realSettings() {
        return Stream.of(
                // Claude Code's documented environment variables (docs.anthropic.com, Claude Code settings).
                Arguments.of("claude-code", "ANTHROPIC_BASE_URL="),
                Arguments.of("claude-code", "ANTHROPIC_AUTH_TOKEN="),
                // codex-rs/core/src/model_provider_info.rs: base_url, env_key, wire_api in [model_providers.<id>].
                Arguments.of("codex-cli", "[model_providers.tollgate]"),
                Arguments.of("codex-cli", "wire_api = \"responses\""),
                // cline src/core/api/providers/openai.ts: openAiBaseUrl, openAiApiKey, openAiModelId.
                Arguments.of("cline", "openAiBaseUrl"),
                // Roo Code / Kilo Code provider settings (packages/types/src/provider-settings.ts): openAiBaseUrl.
                Arguments.of("roo-code", "openAiBaseUrl"),
                Arguments.of("kilo-code", "openAiBaseUrl"),
                // vscode-copilot-chat package.json contributes github.copilot.chat.customOAIModels.
                Arguments.of("github-copilot", "\"github.copilot.chat.customOAIModels\""),
                // aider/args.py: --openai-api-base (OPENAI_API_BASE), --weak-model.
                Arguments.of("aider", "OPENAI_API_BASE="),
                Arguments.of("aider", "--weak-model"),
                // Continue config.yaml model fields (config-yaml/src/schemas/models.ts): provider, apiBase, apiKey.
                Arguments.of("continue", "apiBase: "),
                // OpenHands: LLM_BASE_URL / LLM_API_KEY / LLM_MODEL (openhands/core/config/llm_config.py via env).
                Arguments.of("openhands", "LLM_BASE_URL="),
                // gemini-cli packages/core/src/core/contentGenerator.ts: GOOGLE_GEMINI_BASE_URL is the endpoint of the
                // gemini-api-key auth type (settings.json security.auth.selectedType), GEMINI_API_KEY its key.
                Arguments.of("gemini-cli", "export GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:4000\n"),
                Arguments.of("gemini-cli", "export GEMINI_API_KEY=tg-key-123"),
                Arguments.of("gemini-cli", "\"selectedType\": \"gemini-api-key\""),
                // opencode config schema: provider.<id>.npm / options.baseURL, small_model.
                Arguments.of("opencode", "\"baseURL\""),
                Arguments.of("opencode", "\"small_model\""));
    }

    @ParameterizedTest(name = "{0} names {1}")
    @MethodSource("realSettings")
    void namesARealSettingOfTheCoder(String coder, String setting) {
        CoderAdapter adapter = RecognitionTest.ADAPTERS.stream().filter(a -> a.id().equals(coder)).findFirst().orElseThrow();

        ConnectSteps steps = adapter.connect("http://127.0.0.1:4000", "tg-key-123");

        String text = String.join("\n", steps.steps());
        assertThat(text).contains(setting);
        if (!steps.ingress().equals("none")) {
            assertThat(text).contains("http://127.0.0.1:4000", "tg-key-123");
        }
        assertThat(steps.settings()).isNotEmpty().allSatisfy(name -> assertThat(text).contains(name));
    }
}
