package dev.tollgate.engine.workflow;

import dev.tollgate.engine.config.WorkerConfig;
import dev.tollgate.engine.config.WorkflowConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A model worker: the task card sent as a prompt through Tollgate's own routing, so the budget profile, fallback
 * and ledger apply as to any request; then the workflow's check, given the answer on stdin.
 */
final class ModelWorker {
    private final GatewayClient gateway;
    private final RunUsage usage;

    ModelWorker(GatewayClient gateway, RunUsage usage) {
        this.gateway = gateway;
        this.usage = usage;
    }

    WorkerResult run(WorkflowRun run, WorkerConfig worker, TaskCard card) {
        long started = System.currentTimeMillis();
        String token = usage.register(run.id(), worker.name());
        try {
            GatewayClient.Answer answer = gateway.ask(worker.model(), card.asPrompt(), token);
            long took = System.currentTimeMillis() - started;
            List<String> decisions = answer.decision() == null ? List.of() : List.of(answer.decision());
            if (!answer.ok()) {
                return new WorkerResult(worker.name(), "model", worker.model(),
                        answer.refused() ? WorkerResult.Status.REFUSED : WorkerResult.Status.FAILED, null, answer.model(),
                        null, null, null, 0, null, answer.costUsd(), 0, 0, took, null, null, decisions, card,
                        answer.describe());
            }
            CheckResult check = worker.skipCheck() ? null : check(run, answer.text());
            WorkerResult.Status status = check == null || check.passed() ? WorkerResult.Status.DONE
                    : WorkerResult.Status.FAILED_CHECK;
            return new WorkerResult(worker.name(), "model", worker.model(), status, answer.text(), answer.model(), null,
                    null, null, 0, null, answer.costUsd(), answer.promptTokens(), answer.completionTokens(),
                    System.currentTimeMillis() - started, check, null, decisions, card,
                    status == WorkerResult.Status.FAILED_CHECK ? "its answer failed the check" : null);
        } catch (IOException e) {
            return failed(worker, card, started, "cannot reach the gateway: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(worker, card, started, "interrupted");
        } finally {
            usage.release(token);
        }
    }

    private static WorkerResult failed(WorkerConfig worker, TaskCard card, long started, String why) {
        return new WorkerResult(worker.name(), "model", worker.model(), WorkerResult.Status.FAILED, null, null, null, null,
                null, 0, null, null, 0, 0, System.currentTimeMillis() - started, null, null, null, card, why);
    }

    /** The check sees the answer on stdin and in {@code $TOLLGATE_ANSWER_FILE}; it runs in the repository when there is one. */
    static CheckResult check(WorkflowRun run, String answer) throws IOException, InterruptedException {
        WorkflowConfig workflow = run.workflow();
        if (workflow.check() == null) {
            return null;
        }
        Path answerFile = Files.createTempFile(run.runDir(), "answer-", ".txt");
        try {
            Files.writeString(answerFile, answer);
            Path where = run.repo() != null ? run.repo() : run.runDir();
            ShellCommand.Outcome outcome = ShellCommand.shell(workflow.check(), where,
                    Map.of("TOLLGATE_ANSWER_FILE", answerFile.toString()), answer,
                    Duration.ofSeconds(workflow.checkTimeoutSeconds()));
            return new CheckResult(workflow.check(), outcome.exitCode() == 0, outcome.exitCode(), outcome.output());
        } finally {
            Files.deleteIfExists(answerFile);
        }
    }
}
