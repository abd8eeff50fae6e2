package dev.tollgate.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tollgate explain}: a decision printed as the gateway would make it, with no provider called. */
class ExplainCommandTest {
    private static final String SQL_INJECTION = "Is this login query open to SQL injection? "
            + "query = \"SELECT * FROM users WHERE name = '\" + name + \"'\"";

    private static final TestGateway.Model LLAMA = TestGateway.Model.free("groq/llama", 0.8);
    private static final TestGateway.Model FLASH = TestGateway.Model.free("gemini/flash", 0.7).withVision();
    private static final TestGateway.Model GPT = TestGateway.Model.paid("openai/gpt", 0.95, "2.50", "10.00");

    private final TestGateway gateway = new TestGateway().model(LLAMA).model(FLASH).model(GPT)
            .gatewayKey("student", "profile: FREE");

    @BeforeEach
    void write() throws Exception {
        gateway.shippedConfigFile("classifier.yaml").writeConfig();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private CliRun explain(String... args) {
        List<String> all = new ArrayList<>(List.of("explain", "--home", gateway.home().toString(),
                "--rules", TestGateway.repo().resolve("rules").toString(), "--plugins", System.getProperty("tollgate.plugins")));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aSecurityQuestionUnderFreeIsClassifiedAndNeverGoesToAPaidModel() {
        CliRun run = explain("--prompt", SQL_INJECTION);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("under profile FREE")
                .containsPattern("task: +security \\(keyword 'sql injection' in the last user message\\)")
                .containsPattern("complexity: +complex \\(task 'security' is always complex\\)");
        String tried = run.out().substring(run.out().indexOf("tried in this order:"), run.out().indexOf("not tried:"));
        assertThat(tried).contains("groq/llama", "gemini/flash").doesNotContain("openai/gpt");
        assertThat(run.out().substring(run.out().indexOf("not tried:")))
                .containsPattern("openai/gpt +profile FREE never uses paid models");
        assertThat(run.out().substring(run.out().indexOf("rules fired, in order:"))).contains("FREE never uses paid models");
        for (TestGateway.Model model : List.of(LLAMA, FLASH, GPT)) {
            assertThat(gateway.upstreams().calls(model)).as("no provider is called").isZero();
        }
    }

    @Test
    void theJsonIsTheAdminApisDecisionShape() throws Exception {
        CliRun run = explain("--prompt", "Write a title for this conversation", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode decision = new ObjectMapper().readTree(run.out());
        assertThat(decision.path("classification").path("task").asText()).isEqualTo("titling");
        assertThat(decision.path("profile").asText()).isEqualTo("FREE");
        assertThat(decision.path("ranked").get(0).path("free").asBoolean()).isTrue();
        assertThat(decision.path("ineligible").findValuesAsText("model")).contains("openai/gpt");
        assertThat(decision.path("rulesFired").isArray()).isTrue();
    }

    @Test
    void theOptInAdmitsPaidModelsAfterTheFreeOnes() {
        CliRun run = explain("--prompt", SQL_INJECTION, "--allow-paid");

        assertThat(run.status()).as(run.err()).isZero();
        String tried = run.out().substring(run.out().indexOf("tried in this order:"));
        assertThat(tried).contains("openai/gpt");
        assertThat(tried.indexOf("openai/gpt")).isGreaterThan(tried.indexOf("groq/llama"));
        assertThat(run.out()).contains("paid because:");
    }

    @Test
    void aRequestCannotLoosenItsKeysProfile() {
        CliRun run = explain("--prompt", SQL_INJECTION, "--key", TestGateway.gatewayKeyValue("student"), "--profile", "UNLIMITED");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("under profile FREE");
    }

    @Test
    void anImageMakesItAVisionTaskThatOnlyVisionModelsServe() {
        CliRun run = explain("--prompt", "What does this diagram show?", "--image", "data:image/png;base64,iVBORw0KGgo=");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("task: +vision \\(images in the request\\)");
        String tried = run.out().substring(run.out().indexOf("tried in this order:"), run.out().indexOf("not tried:"));
        assertThat(tried).contains("gemini/flash").doesNotContain("groq/llama");
    }

    @Test
    void aRequestFileIsDecidedLikeAClientsBody() throws Exception {
        Path file = gateway.home().resolve("request.json");
        Files.writeString(file, """
                {"model": "groq/llama", "messages": [{"role": "user", "content": "refactor this class"}]}
                """);

        CliRun run = explain("--request", file.toString(), "--json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode decision = new ObjectMapper().readTree(run.out());
        assertThat(decision.path("classification").path("task").asText()).isEqualTo("refactoring");
        assertThat(decision.path("ranked").findValuesAsText("model")).containsExactly("groq/llama");
    }

    @Test
    void aRequestTheGatewayWouldRefuseSaysSoAndWhy() throws Exception {
        Path file = gateway.home().resolve("request.json");
        Files.writeString(file, """
                {"model": "no-such-model", "messages": [{"role": "user", "content": "hi"}]}
                """);

        CliRun unknownModel = explain("--request", file.toString());
        CliRun badTask = explain("--prompt", "hi", "--task", "gardening");

        assertThat(unknownModel.status()).isEqualTo(1);
        assertThat(unknownModel.err()).contains("404 model_not_found").contains("'no-such-model' is not in the catalog");
        assertThat(badTask.status()).isEqualTo(1);
        assertThat(badTask.err()).contains("400").contains("'gardening' is not a task type");
    }

    @Test
    void aBrokenPolicyIsReportedLikeCheckDoes() throws Exception {
        Path models = gateway.home().resolve("config/models.yaml");
        Files.writeString(models, Files.readString(models).replace("quality: 0.8", "quality: [0.8"));

        CliRun run = explain("--prompt", "hi");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).containsPattern("config/models\\.yaml:\\d+:\\d+: ");
    }

    @Test
    void recognisesTheCoderFromItsHeadersAndTreatsItsSideRequestAsSimple() {
        CliRun run = explain("--prompt", "Write a short title for: " + SQL_INJECTION,
                "--system", "You are coming up with a succinct title and git branch name for a coding session.",
                "--header", "User-Agent: claude-cli/2.0.14 (external, cli)", "--header", "x-app: cli");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("coder: +claude-code")
                .containsPattern("task: +titling \\(coder side request: User-Agent claude-cli/")
                .containsPattern("complexity: +simple \\(a coder's side request is simple\\)");
    }

    @Test
    void withoutCoderHeadersTheCoderIsUnknown() {
        CliRun run = explain("--prompt", "hello");

        assertThat(run.out()).containsPattern("coder: +unknown");
    }
}
