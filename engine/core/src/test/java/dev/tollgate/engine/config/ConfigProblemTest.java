package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigProblemTest {

    @Test
    void showsAFileUnderTheWorkingDirectoryRelativeToIt() {
        ConfigProblem problem = ConfigProblem.at(Path.of("config/models.yaml").toAbsolutePath(), 14, 7, "unknown key");

        assertThat(problem.toString()).isEqualTo("config/models.yaml:14:7: unknown key");
    }

    @Test
    void showsAFileElsewhereAsAnAbsolutePath() {
        Path elsewhere = Path.of("").toAbsolutePath().getParent().resolve("models.yaml");

        assertThat(ConfigProblem.at(elsewhere, 1, 2, "m").toString()).isEqualTo(elsewhere + ":1:2: m");
    }

    @Test
    void leavesOutThePositionOfAProblemThatHasNone() {
        assertThat(ConfigProblem.in(Path.of("config"), "config directory not found"))
                .hasToString("config: config directory not found");
    }

    @Test
    void joinsProblemsIntoTheExceptionMessage() {
        ConfigException failure = new ConfigException(List.of(
                new ConfigProblem("a.yaml", 1, 1, "first"), new ConfigProblem("b.yaml", 2, 3, "second")));

        assertThat(failure).hasMessage("a.yaml:1:1: first\nb.yaml:2:3: second");
    }
}
