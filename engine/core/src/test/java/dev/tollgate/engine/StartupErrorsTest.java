package dev.tollgate.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A broken policy at start-up: the real `tollgate serve` process names file, line and column, and exits non-zero. */
class StartupErrorsTest {
    private final TestGateway gateway = new TestGateway().model(TestGateway.Model.free("groq/llama", 0.8));

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private record Exit(int status, String stderr) {
    }

    private Exit serve(Path rules) throws Exception {
        Path config = gateway.home().resolve("config");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tollgate.engine.cli.TollgateCommand", "serve",
                "--home", gateway.home().toString(), "--config", config.toString(), "--rules", rules.toString(),
                "--plugins", System.getProperty("tollgate.plugins"), "--port", String.valueOf(TestGateway.freePort())));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process exits by itself").isTrue();
        return new Exit(process.exitValue(), stderr);
    }

    @Test
    void aYamlErrorNamesFileLineAndColumnAndStopsTheProcess() throws Exception {
        gateway.writeConfig();
        Path models = gateway.home().resolve("config/models.yaml");
        Files.writeString(models, Files.readString(models).replace("quality: 0.8", "quality: 0.8\n    pricee: 3"));

        Exit exit = serve(TestGateway.repo().resolve("rules"));

        assertThat(exit.status()).isEqualTo(2);
        assertThat(exit.stderr()).containsPattern("config/models\\.yaml:\\d+:\\d+: .*pricee");
        assertThat(exit.stderr()).doesNotContain("\tat ");
    }

    @Test
    void aDrlErrorNamesFileLineAndColumnAndStopsTheProcess() throws Exception {
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

        Exit exit = serve(rules);

        assertThat(exit.status()).isEqualTo(2);
        assertThat(exit.stderr()).containsPattern("rules/broken\\.drl:5:\\d+: ");
        assertThat(exit.stderr()).doesNotContain("\tat ");
    }
}
