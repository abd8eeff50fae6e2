package dev.tollgate.engine.cli;

import dev.tollgate.engine.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tollgate connect}: every coder's steps, with the gateway's URL and key, naming that coder's real settings. */
class ConnectCommandTest {
    private final TestGateway gateway = new TestGateway().model(TestGateway.Model.free("groq/llama", 0.8));

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private CliRun connect(String... args) throws Exception {
        gateway.writeConfig();
        List<String> all = new ArrayList<>(List.of("connect"));
        all.addAll(List.of(args));
        all.addAll(List.of("--home", gateway.home().toString(), "--rules", TestGateway.repo().resolve("rules").toString(),
                "--plugins", System.getProperty("tollgate.plugins")));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Each setting is spelled as the coder's own source or documentation spells it (see the adapters' Javadoc). */
    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', value = {
            "claude-code    | ANTHROPIC_BASE_URL=http://127.0.0.1:4000       | Anthropic Messages",
            "codex-cli      | wire_api = \"responses\"                       | OpenAI Responses",
            "cline          | Base URL (openAiBaseUrl): http://127.0.0.1:4000/v1 | OpenAI Chat Completions",
            "roo-code       | Base URL (openAiBaseUrl): http://127.0.0.1:4000/v1 | OpenAI Chat Completions",
            "kilo-code      | Base URL (openAiBaseUrl): http://127.0.0.1:4000/v1 | OpenAI Chat Completions",
            "github-copilot | \"github.copilot.chat.customOAIModels\"        | OpenAI Chat Completions",
            "aider          | export OPENAI_API_BASE=http://127.0.0.1:4000/v1 | OpenAI Chat Completions",
            "continue       | apiBase: http://127.0.0.1:4000/v1               | OpenAI Chat Completions",
            "openhands      | export LLM_BASE_URL=http://127.0.0.1:4000/v1    | OpenAI Chat Completions",
            "opencode       | \"baseURL\": \"http://127.0.0.1:4000/v1\"       | OpenAI Chat Completions",
            "gemini-cli     | export GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:4000 | Google Gemini API"})
    void printsTheStepsNamingARealSettingOfTheCoder(String coder, String setting, String ingress) throws Exception {
        CliRun run = connect(coder);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains(setting).contains(ingress).contains("recognised as coder '" + coder + "'");
    }

    @Test
    void listsEveryCoder() throws Exception {
        CliRun run = connect("--list");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("claude-code", "Claude Code", "codex-cli", "cline", "roo-code", "kilo-code",
                "github-copilot", "aider", "continue", "openhands", "gemini-cli", "opencode");
    }

    @Test
    void givesTheKeyThatNamesTheCoder() throws Exception {
        gateway.gatewayKey("laptop", "coder: claude-code\n");

        CliRun run = connect("claude-code", "--url", "http://gateway.lan:4000/");

        assertThat(run.out()).contains("ANTHROPIC_BASE_URL=http://gateway.lan:4000\n")
                .contains("ANTHROPIC_AUTH_TOKEN=" + TestGateway.gatewayKeyValue("laptop"));
    }

    @Test
    void refusesAnUnknownCoderNamingTheKnownOnes() throws Exception {
        CliRun run = connect("cursor");

        assertThat(run.status()).isEqualTo(ConnectCommand.UNKNOWN_CODER);
        assertThat(run.err()).contains("no coder 'cursor'", "claude-code", "cline");
    }
}
