package dev.tollgate.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate run} end to end: a real git repository, stand-in coders (shell scripts that call the gateway
 * over HTTP like a coder would, edit files and leave scratch files), and the gateway's own accounting. Proves
 * the branches, commits, clean-up and verification.
 */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestGateway.Model CODER_MODEL = TestGateway.Model.paid("paid/coder", 0.9, "1.00", "2.00");

    /** Calls the gateway as a coder would (its key and base URL come from the environment), then edits. */
    private static final String CALLS_THE_GATEWAY = """
            #!/bin/sh
            curl -sf "$OPENAI_BASE_URL/chat/completions" -H "Authorization: Bearer $OPENAI_API_KEY" \\
              -H 'Content-Type: application/json' \\
              -d '{"model": "paid/coder", "messages": [{"role": "user", "content": "fix the greeting"}]}' > /dev/null || exit 3
            """;

    private final TestGateway gateway = new TestGateway().profile("UNLIMITED").model(CODER_MODEL);

    @TempDir
    Path temp;

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void bestOfTwoCodersKeepsBothBranchesCommitsCleansUpAndChoosesTheOneThatPassesTheCheck() throws Exception {
        Path repo = repository();
        Path good = script("good.sh", CALLS_THE_GATEWAY + """
                echo fixed > greeting.txt
                echo "- greeting fixed" > CHANGELOG.md
                echo "what I tried" > notes.tmp
                """);
        Path bad = script("bad.sh", CALLS_THE_GATEWAY + """
                echo broken > greeting.txt
                echo "half-done" > scratch-output.log
                """);
        gateway.configFile("workflows.yaml", """
                coders:
                  good: { command: [sh, %s] }
                  bad: { command: [sh, %s] }
                workflows:
                  fix:
                    kind: best-of
                    workers:
                      - { name: careful, coder: good }
                      - { name: sloppy, coder: bad }
                    check: sh check.sh
                    selector: { rank-by: [diff-size, cost] }
                """.formatted(good, bad));
        gateway.writeConfig();
        gateway.upstreams().answers(CODER_MODEL, "Change greeting.txt", 1000, 500);

        CliRun run = run("fix", "--task", "Fix the greeting", "--repo", repo.toString());

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        JsonNode report = report();
        String id = report.path("id").asText();
        assertThat(run.out()).contains("[" + id + "] careful").contains("[" + id + "] sloppy")
                .contains("winner: careful (tollgate/" + id + "/careful)");
        assertThat(report.path("status").asText()).isEqualTo("done");
        assertThat(report.path("winner").asText()).isEqualTo("careful");

        JsonNode careful = worker(report, "careful");
        assertThat(careful.path("status").asText()).isEqualTo("DONE");
        assertThat(careful.path("check").path("passed").asBoolean()).isTrue();
        assertThat(careful.path("branch").asText()).isEqualTo("tollgate/" + id + "/careful");
        assertThat(careful.path("scratchRemoved")).extracting(JsonNode::asText).containsExactly("notes.tmp");
        assertThat(git(repo, "show", "--format=%an", "--name-only", "tollgate/" + id + "/careful").lines()
                .filter(line -> !line.isBlank()).toList()).containsExactly("Tollgate", "CHANGELOG.md", "greeting.txt");
        assertThat(git(repo, "show", "tollgate/" + id + "/careful:greeting.txt").strip()).isEqualTo("fixed");

        JsonNode sloppy = worker(report, "sloppy");
        assertThat(sloppy.path("status").asText()).isEqualTo("FAILED_CHECK");
        assertThat(sloppy.path("check").path("passed").asBoolean()).isFalse();
        assertThat(sloppy.path("scratchRemoved")).extracting(JsonNode::asText).containsExactly("scratch-output.log");
        assertThat(git(repo, "show", "tollgate/" + id + "/sloppy:greeting.txt").strip()).isEqualTo("broken");
        assertThat(report.path("why").asText()).contains("sloppy failed_check");

        // Each coder's own call through the gateway is its cost, as the ledger has it: 1000 × $1/M + 500 × $2/M.
        for (JsonNode worker : List.of(careful, sloppy)) {
            assertThat(new BigDecimal(worker.path("costUsd").asText())).isEqualByComparingTo("0.002");
            assertThat(worker.path("promptTokens").asLong()).isEqualTo(1000);
            String decision = worker.path("decisions").get(0).asText();
            assertThat(gateway.query("SELECT cost_usd FROM requests WHERE decision_id = '" + decision + "'"))
                    .singleElement().satisfies(row -> assertThat(new BigDecimal(row.get("cost_usd").toString()))
                            .isEqualByComparingTo("0.002"));
        }
        assertThat(new BigDecimal(report.path("totalCostUsd").asText())).isEqualByComparingTo("0.004");

        // Clean-up: no worktree left, the user's checkout untouched, the task cards kept with the run.
        assertThat(git(repo, "worktree", "list").lines()).hasSize(1);
        assertThat(git(repo, "status", "--porcelain")).isBlank();
        assertThat(git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
        assertThat(Files.readString(repo.resolve("greeting.txt")).strip()).isEqualTo("hello");
        Path folder = Path.of(report.path("folder").asText());
        assertThat(folder.resolve("worktrees")).doesNotExist();
        assertThat(folder.resolve("report.txt")).content().contains("scratch removed: notes.tmp");
        assertThat(JSON.readTree(folder.resolve("cards/careful.json").toFile()).path("instruction").asText())
                .isEqualTo("Fix the greeting");
    }

    @Test
    void aPipelineOfCodersBuildsEachStageOnThePreviousBranchAndStopsAtAFailedCheck() throws Exception {
        Path repo = repository();
        Path first = script("first.sh", CALLS_THE_GATEWAY + """
                echo fixed > greeting.txt
                """);
        Path second = script("second.sh", CALLS_THE_GATEWAY + """
                test "$(cat greeting.txt)" = fixed || exit 4
                grep -q 'previous stage fix' "$TOLLGATE_TASK_CARD" || exit 5
                echo "fixed, documented" > README.md
                """);
        Path breaks = script("breaks.sh", "echo broken > greeting.txt\n");
        gateway.configFile("workflows.yaml", """
                coders:
                  first: { command: [sh, %s] }
                  second: { command: [sh, %s] }
                  breaks: { command: [sh, %s] }
                workflows:
                  staged:
                    kind: pipeline
                    stages:
                      - { name: fix, coder: first }
                      - { name: document, coder: second, instruction: "Document what {previous} did" }
                  breaking:
                    kind: pipeline
                    stages:
                      - { name: break, coder: breaks }
                      - { name: never, coder: second }
                    check: sh check.sh
                """.formatted(first, second, breaks));
        gateway.writeConfig();
        gateway.upstreams().answers(CODER_MODEL, "ok", 10, 5);

        CliRun staged = run("staged", "--task", "Fix and document", "--repo", repo.toString());

        assertThat(staged.status()).as(staged.out() + staged.err()).isZero();
        JsonNode report = report();
        String id = report.path("id").asText();
        assertThat(git(repo, "show", "tollgate/" + id + "/document:greeting.txt").strip()).isEqualTo("fixed");
        assertThat(git(repo, "show", "tollgate/" + id + "/document:README.md").strip()).isEqualTo("fixed, documented");
        assertThat(worker(report, "document").path("card").path("from").asText()).isEqualTo("fix");

        CliRun breaking = run("breaking", "--task", "Break it", "--repo", repo.toString());

        assertThat(breaking.status()).isEqualTo(1);
        JsonNode failed = JSON.readTree(breaking.out().substring(breaking.out().indexOf('{')));
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(worker(failed, "break").path("status").asText()).isEqualTo("FAILED_CHECK");
        assertThat(worker(failed, "never").path("status").asText()).isEqualTo("SKIPPED");
        assertThat(git(repo, "worktree", "list").lines()).hasSize(1);
    }

    @Test
    void aCoderStoppedAtItsTimeLimitOrThatChangedNothingIsNeverDone() throws Exception {
        Path repo = repository();
        Path slow = script("slow.sh", "echo fixed > greeting.txt\nsleep 30\n");
        Path idle = script("idle.sh", "echo 'nothing to do' > scratch.txt\n");
        gateway.configFile("workflows.yaml", """
                coders:
                  slow: { command: [sh, %s], time-limit-seconds: 1 }
                  idle: { command: [sh, %s] }
                workflows:
                  nothing-good:
                    kind: best-of
                    workers:
                      - { name: slow, coder: slow }
                      - { name: idle, coder: idle }
                    check: sh check.sh
                """.formatted(slow, idle));
        gateway.writeConfig();

        long started = System.currentTimeMillis();
        CliRun run = run("nothing-good", "--task", "Fix the greeting", "--repo", repo.toString());

        assertThat(System.currentTimeMillis() - started).isLessThan(20_000);
        assertThat(run.status()).isEqualTo(1);
        JsonNode report = report();
        assertThat(report.path("status").asText()).isEqualTo("no-winner");
        assertThat(worker(report, "slow").path("status").asText()).isEqualTo("FAILED");
        assertThat(worker(report, "slow").path("error").asText()).contains("time limit of 1 s");
        assertThat(worker(report, "idle").path("status").asText()).isEqualTo("NO_CHANGE");
        assertThat(worker(report, "idle").path("scratchRemoved")).extracting(JsonNode::asText).containsExactly("scratch.txt");
        assertThat(git(repo, "worktree", "list").lines()).hasSize(1);
    }

    private CliRun run(String workflow, String... args) {
        List<String> command = new ArrayList<>(List.of("run", "--home", gateway.home().toString(),
                "--rules", TestGateway.repo().resolve("rules").toString(), "--plugins", System.getProperty("tollgate.plugins"),
                workflow));
        command.addAll(List.of(args));
        if (workflow.equals("breaking")) {
            command.add("--json");
        }
        return CliRun.of(command.toArray(String[]::new));
    }

    /** The newest run's report.json. */
    private JsonNode report() throws IOException {
        try (Stream<Path> runs = Files.list(gateway.home().resolve("data/runs"))) {
            Path newest = runs.max(Path::compareTo).orElseThrow();
            return JSON.readTree(newest.resolve("report.json").toFile());
        }
    }

    private static JsonNode worker(JsonNode report, String name) {
        for (JsonNode worker : report.path("workers")) {
            if (name.equals(worker.path("name").asText())) {
                return worker;
            }
        }
        throw new AssertionError("no worker " + name + " in " + report.toPrettyString());
    }

    /** A repository on main with a greeting and a check that wants it fixed. */
    private Path repository() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("project"));
        git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("greeting.txt"), "hello\n");
        Files.writeString(repo.resolve("check.sh"), "grep -qx fixed greeting.txt\n");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "start");
        return repo;
    }

    private Path script(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
