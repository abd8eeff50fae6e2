package dev.tollgate.engine.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.engine.TempFolders;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text saved as a config file: loaded, or refused with problems that each name the file (and a
 * line and column where there is one); never another exception, never a hang.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void loadsOrNamesEveryProblem(byte[] yaml) throws Exception {
        Path dir = Files.createTempDirectory("tollgate-fuzz-config");
        try {
            ConfigDirectory.withProviders(dir).withOneModel();
            Files.write(dir.resolve("routes.yaml"), yaml);
            try {
                ConfigLoader.load(dir);
            } catch (ConfigException refused) {
                assertThat(refused.problems()).isNotEmpty().allSatisfy(problem -> {
                    assertThat(problem.message()).isNotBlank();
                    assertThat(problem.toString()).contains("routes.yaml");
                    assertThat(problem.line()).isNotNegative();
                });
            }
        } finally {
            TempFolders.delete(dir);
        }
    }
}
