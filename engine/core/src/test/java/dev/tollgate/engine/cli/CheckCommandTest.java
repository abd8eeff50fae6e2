package dev.tollgate.engine.cli;

import dev.tollgate.engine.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tollgate check}: the same loading and messages as serve and reload, without serving. */
class CheckCommandTest {
    private final TestGateway gateway = new TestGateway()
            .model(TestGateway.Model.free("groq/llama", 0.8))
            .model(TestGateway.Model.paid("openai/gpt", 0.95, "2.50", "10.00"));

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private CliRun check(Path rules) {
        return CliRun.of("check", "--home", gateway.home().toString(), "--rules", rules.toString(),
                "--plugins", System.getProperty("tollgate.plugins"));
    }

    @Test
    void aValidPolicyIsSummarisedAndExitsZero() throws Exception {
        gateway.writeConfig();

        CliRun run = check(TestGateway.repo().resolve("rules"));

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("ok: ").contains("2 of 2 providers ready, 2 models").contains("profile FREE");
        assertThat(run.out()).doesNotContain("warning");
    }

    @Test
    void theShippedPolicyChecks() {
        Path repo = TestGateway.repo();
        CliRun run = CliRun.of("check", "--home", repo.toString(), "--plugins", System.getProperty("tollgate.plugins"),
                "--env-file", repo.resolve("no-such.env").toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("ok: ").contains("profile FREE");
        // Without keys every provider is named as not callable, and why.
        assertThat(run.out()).containsPattern("warning: provider groq cannot be called: .*GROQ_API_KEY");
    }

    @Test
    void aProviderWithoutKeyIsAWarningNotAnError() throws Exception {
        gateway.withoutKeyFor("openai").writeConfig();

        CliRun run = check(TestGateway.repo().resolve("rules"));

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("1 of 2 providers ready").containsPattern("warning: provider openai cannot be called");
        assertThat(run.out()).doesNotContain(TestGateway.keyOf("groq"));
    }

    @Test
    void aYamlErrorIsNamedWithFileLineAndColumnAndExitsTwo() throws Exception {
        gateway.writeConfig();
        Path models = gateway.home().resolve("config/models.yaml");
        Files.writeString(models, Files.readString(models).replace("quality: 0.8", "quality: [0.8"));

        CliRun run = check(TestGateway.repo().resolve("rules"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).containsPattern("config/models\\.yaml:\\d+:\\d+: ");
        assertThat(run.out()).doesNotContain("ok:");
    }

    @Test
    void anUnknownModelInARouteIsNamed() throws Exception {
        gateway.configFile("routes.yaml", """
                routes:
                  - name: reviews
                    match: { task: review }
                    strategy: priority
                    candidates: [groq/llama, groq/no-such-model]
                """).writeConfig();

        CliRun run = check(TestGateway.repo().resolve("rules"));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).containsPattern("config/routes\\.yaml:5:\\d+: .*groq/no-such-model");
    }

    @Test
    void aDrlErrorIsNamedWithFileLineAndColumnAndExitsTwo() throws Exception {
        gateway.writeConfig();
        Path rules = Files.createDirectories(gateway.home().resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), """
                package tollgate.rules;

                rule "half-written"
                when
                    Candidate( free == )
                then
                end
                """);

        CliRun run = check(rules);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).containsPattern("rules/broken\\.drl:5:\\d+: ");
    }
}
