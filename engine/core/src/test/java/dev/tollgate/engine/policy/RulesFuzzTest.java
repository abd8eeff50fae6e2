package dev.tollgate.engine.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.engine.TempFolders;
import dev.tollgate.engine.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text saved as a rule file next to the shipped rules: compiled, or refused with problems that
 * name the file; never another exception. (The previous policy keeps serving in either case: the
 * reloader only swaps in what compiled.)
 */
class RulesFuzzTest {
    private static final String HEADER = """
            package tollgate.rules;
            import dev.tollgate.engine.policy.RequestFacts;
            import dev.tollgate.engine.policy.Candidate;
            import dev.tollgate.engine.policy.Ineligible;
            import dev.tollgate.engine.policy.Score;
            """;

    @FuzzTest(maxDuration = "60s")
    void compilesOrNamesTheFile(byte[] body) throws Exception {
        Path dir = Files.createTempDirectory("tollgate-fuzz-rules");
        try {
            Files.writeString(dir.resolve("user.drl"), HEADER + new String(body, StandardCharsets.UTF_8));
            try {
                PolicyRules.compile(dir);
            } catch (ConfigException refused) {
                assertThat(refused.problems()).isNotEmpty().allSatisfy(problem -> {
                    assertThat(problem.message()).isNotBlank();
                    assertThat(problem.toString()).contains("user.drl");
                });
            }
        } finally {
            TempFolders.delete(dir);
        }
    }
}
