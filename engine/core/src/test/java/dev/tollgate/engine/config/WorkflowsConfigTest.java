package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** workflows.yaml: coders and workflows read with their defaults, and every mistake named at its place. */
class WorkflowsConfigTest {
    @TempDir
    Path dir;

    private ConfigDirectory config(String workflows) {
        return ConfigDirectory.withProviders(dir).withOneModel().file("workflows.yaml", workflows);
    }

    @Test
    void readsCodersAndWorkflowsWithTheirDefaults() throws ConfigException {
        TollgateConfig loaded = config("""
                coders:
                  aider:
                    command: [aider, --yes, --message, "{instruction}"]
                    env: { AIDER_DARK_MODE: "true" }
                workflows:
                  two-coders:
                    kind: best-of
                    workers:
                      - { name: a, coder: aider }
                      - { name: b, model: groq/llama-3.3-70b }
                    check: make test
                    max-cost-usd: 0.25
                    selector: { judge: auto, rank-by: [score, cost] }
                  staged:
                    kind: pipeline
                    stages:
                      - { name: plan, model: auto, skip-check: true }
                      - { name: code, coder: aider, instruction: "Do: {previous}" }
                """).load();

        CoderConfig aider = loaded.coders().get("aider");
        assertThat(aider.runner()).isEqualTo("command");
        assertThat(aider.command()).containsExactly("aider", "--yes", "--message", "{instruction}");
        assertThat(aider.timeLimitSeconds()).isEqualTo(1800);
        WorkflowConfig bestOf = loaded.workflows().get("two-coders");
        assertThat(bestOf.kind()).isEqualTo(WorkflowConfig.Kind.BEST_OF);
        assertThat(bestOf.participants()).extracting(WorkerConfig::name).containsExactly("a", "b");
        assertThat(bestOf.maxCostUsd()).isEqualByComparingTo(new BigDecimal("0.25"));
        assertThat(bestOf.selector().judge()).isEqualTo("auto");
        assertThat(bestOf.scratch()).contains("*.tmp");
        WorkflowConfig staged = loaded.workflows().get("staged");
        assertThat(staged.kind()).isEqualTo(WorkflowConfig.Kind.PIPELINE);
        assertThat(staged.participants()).extracting(WorkerConfig::skipCheck).containsExactly(true, false);
        assertThat(staged.selector().rankBy()).containsExactly("score", "diff-size", "cost");
    }

    @Test
    void namesEveryMistakeAtItsPlace() {
        List<String> problems = config("""
                coders:
                  aider:
                    command: []
                workflows:
                  broken:
                    kind: best-of
                    workers:
                      - { name: a, coder: aidr }
                      - { name: a, model: groq/llama-3.3-70b }
                      - { name: "c d", model: nope/model }
                      - { name: e, model: auto, coder: aider }
                    selector: { judge: auto, rule: selectors/x.drl, rank-by: [speed] }
                  sorted:
                    kind: relay
                """).problems();

        assertThat(problems).containsExactly(
                "workflows.yaml:3:14: coder 'aider' needs a command line (a list of arguments)",
                "workflows.yaml:8:27: unknown coder 'aidr' (known: aider)",
                "workflows.yaml:9:17: worker name 'a' is used twice; names must be unique",
                "workflows.yaml:10:17: worker name 'c d' names a git branch: use letters, digits, '.', '_' and '-' only",
                "workflows.yaml:10:31: unknown model 'nope/model' (known: groq/llama-3.3-70b, or auto, tollgate/auto)",
                "workflows.yaml:11:9: worker 'e' needs exactly one of 'model' or 'coder'",
                "workflows.yaml:12:15: a selector scores with one of 'judge', 'rule' or 'score-command', not several",
                "workflows.yaml:12:63: unknown ranking key 'speed' (known: score, diff-size, cost, duration)",
                "workflows.yaml:14:11: unknown kind 'relay' (known: best-of, pipeline)");
    }
}
