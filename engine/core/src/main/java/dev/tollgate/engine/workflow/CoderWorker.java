package dev.tollgate.engine.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tollgate.engine.config.CoderConfig;
import dev.tollgate.engine.config.WorkerConfig;
import dev.tollgate.engine.config.WorkflowConfig;
import dev.tollgate.spi.CoderJob;
import dev.tollgate.spi.CoderOutcome;
import dev.tollgate.spi.CoderRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coder worker: a headless coder CLI run by a {@link CoderRunner} in a fresh worktree on the branch
 * {@code tollgate/<run>/<worker>}, pointed at Tollgate for its model calls; then the hygiene the coder may forget —
 * scratch files removed, the change committed, the check run — and the worktree removed.
 */
final class CoderWorker {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final long SETTLE_MILLIS = 2000;

    private final GatewayClient gateway;
    private final RunUsage usage;
    private final Map<String, CoderRunner> runners;

    CoderWorker(GatewayClient gateway, RunUsage usage, Map<String, CoderRunner> runners) {
        this.gateway = gateway;
        this.usage = usage;
        this.runners = runners;
    }

    /** @param baseRef what the branch starts from: HEAD, or the previous stage's branch */
    WorkerResult run(WorkflowRun run, WorkerConfig worker, CoderConfig coder, TaskCard card, String baseRef) {
        long started = System.currentTimeMillis();
        String branch = "tollgate/" + run.id() + "/" + worker.name();
        if (run.repo() == null) {
            return result(worker, WorkerResult.Status.FAILED, null, null, null, null, null, card, started,
                    "a coder worker needs a git repository (--repo)");
        }
        CoderRunner runner = runners.get(coder.runner());
        if (runner == null) {
            return result(worker, WorkerResult.Status.FAILED, null, null, null, null, null, card, started,
                    "no coder runner '" + coder.runner() + "' (known: " + String.join(", ", runners.keySet()) + ")");
        }
        String token = usage.register(run.id(), worker.name());
        GitWorktree worktree = null;
        try {
            Path cardFile = run.runDir().resolve("cards").resolve(worker.name() + ".json");
            Files.createDirectories(cardFile.getParent());
            JSON.writeValue(cardFile.toFile(), card);
            worktree = GitWorktree.add(run.repo(), run.runDir().resolve("worktrees").resolve(worker.name()), branch, baseRef);
            run.progress().event(run.id(), worker.name(), "coder " + worker.coder() + " working on " + branch);
            Map<String, String> values = placeholders(run, worker, card, cardFile, token);
            CoderOutcome outcome = runner.run(new CoderJob(worker.name(), worktree.dir(),
                    coder.command().stream().map(arg -> fill(arg, values)).toList(), environment(coder, values),
                    Duration.ofSeconds(coder.timeLimitSeconds()), card.instruction(), cardFile));
            RunUsage.Tally tally = usage.tally(token);
            tally.settle(SETTLE_MILLIS);
            GitWorktree.Change change = worktree.commit(run.workflow().scratch(),
                    "tollgate " + run.id() + ": " + worker.name() + " (" + worker.coder() + ")\n\n" + firstLine(card.instruction()));
            WorkerResult.Status status;
            String why = null;
            CheckResult check = null;
            if (tally.budgetRefusals() > 0) {
                status = WorkerResult.Status.REFUSED;
                why = "the gateway refused " + tally.budgetRefusals() + " of its calls for the budget (402)";
            } else if (outcome.timedOut()) {
                status = WorkerResult.Status.FAILED;
                why = "stopped at its time limit of " + coder.timeLimitSeconds() + " s";
            } else if (outcome.exitCode() != 0) {
                status = WorkerResult.Status.FAILED;
                why = "the coder exited with status " + outcome.exitCode();
            } else if (change.commit() == null) {
                status = WorkerResult.Status.NO_CHANGE;
                why = "the coder changed nothing";
            } else {
                check = worker.skipCheck() ? null : check(run.workflow(), worktree.dir());
                status = check == null || check.passed() ? WorkerResult.Status.DONE : WorkerResult.Status.FAILED_CHECK;
                why = status == WorkerResult.Status.FAILED_CHECK ? "its change failed the check" : null;
            }
            return new WorkerResult(worker.name(), "coder", worker.coder(), status, outcome.output(), null, branch,
                    change.commit(), change.files(), change.lines(), change.scratchRemoved(), tally.costUsd(),
                    tally.promptTokens(), tally.completionTokens(), System.currentTimeMillis() - started, check, null,
                    tally.decisions(), card, why);
        } catch (IOException e) {
            return result(worker, WorkerResult.Status.FAILED, branch, null, null, null, null, card, started, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(worker, WorkerResult.Status.FAILED, branch, null, null, null, null, card, started, "interrupted");
        } finally {
            usage.release(token);
            if (worktree != null) {
                try {
                    worktree.remove();
                } catch (IOException | InterruptedException e) {
                    run.progress().event(run.id(), worker.name(), "could not remove its worktree: " + e.getMessage());
                }
            }
        }
    }

    private static WorkerResult result(WorkerConfig worker, WorkerResult.Status status, String branch, String commit,
                                       List<String> files, List<String> scratch, CheckResult check, TaskCard card,
                                       long started, String why) {
        return new WorkerResult(worker.name(), "coder", worker.coder(), status, null, null, branch, commit, files, 0,
                scratch, null, 0, 0, System.currentTimeMillis() - started, check, null, null, card, why);
    }

    private static CheckResult check(WorkflowConfig workflow, Path worktree) throws IOException, InterruptedException {
        if (workflow.check() == null) {
            return null;
        }
        ShellCommand.Outcome outcome = ShellCommand.shell(workflow.check(), worktree, Map.of(), null,
                Duration.ofSeconds(workflow.checkTimeoutSeconds()));
        return new CheckResult(workflow.check(), outcome.exitCode() == 0, outcome.exitCode(), outcome.output());
    }

    private Map<String, String> placeholders(WorkflowRun run, WorkerConfig worker, TaskCard card, Path cardFile,
                                             String token) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{instruction}", card.asPrompt());
        values.put("{task-card}", cardFile.toString());
        values.put("{gateway}", gateway.base().toString());
        values.put("{token}", token);
        values.put("{run}", run.id());
        values.put("{worker}", worker.name());
        return values;
    }

    /**
     * The variables that point the usual coders at Tollgate, with the run token as their key, then the coder's own
     * (which may override them).
     */
    private Map<String, String> environment(CoderConfig coder, Map<String, String> values) {
        String base = gateway.base().toString();
        Map<String, String> env = new LinkedHashMap<>(GitWorktree.IDENTITY);
        env.put("OPENAI_BASE_URL", base + "/v1");
        env.put("OPENAI_API_BASE", base + "/v1");
        env.put("OPENAI_API_KEY", values.get("{token}"));
        env.put("ANTHROPIC_BASE_URL", base);
        env.put("ANTHROPIC_API_KEY", values.get("{token}"));
        env.put("ANTHROPIC_AUTH_TOKEN", values.get("{token}"));
        env.put("TOLLGATE_GATEWAY", base);
        env.put("TOLLGATE_RUN", values.get("{run}"));
        env.put("TOLLGATE_WORKER", values.get("{worker}"));
        env.put("TOLLGATE_TASK_CARD", values.get("{task-card}"));
        env.put("TOLLGATE_INSTRUCTION", values.get("{instruction}"));
        coder.env().forEach((name, value) -> env.put(name, fill(value, values)));
        return env;
    }

    private static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 72 ? line.substring(0, 72) : line;
    }
}
