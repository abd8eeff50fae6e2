package dev.tollgate.engine.workflow;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A run as reported: per worker its branch, cost, tokens, duration and check result; the winner and why. Written
 * as {@code report.json} and {@code report.txt} in the run's folder, and served by the admin API.
 *
 * @param status  {@code running}, {@code done}, {@code no-winner}, {@code failed} (a stage did not finish) or
 *                {@code stopped-over-budget}
 * @param workers every worker's result, in the workflow's order
 * @param judge   the judge's call, or {@code null}
 * @param winner  the chosen worker (best-of) or the last stage (pipeline), or {@code null}
 * @param why     why it won, or why nothing did
 */
public record RunReport(String id, String workflow, String kind, String task, String repo, String profile, String status,
                        String startedAt, long durationMs, BigDecimal totalCostUsd, long promptTokens,
                        long completionTokens, List<WorkerResult> workers, WorkerResult judge, String winner,
                        String winnerBranch, String why, String folder) {

    public RunReport {
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    /** The report for a terminal. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("run ").append(id).append(" of workflow ").append(workflow).append(" (").append(kind).append(", profile ")
                .append(profile).append("): ").append(status).append('\n');
        text.append("task: ").append(task).append('\n');
        if (repo != null) {
            text.append("repository: ").append(repo).append('\n');
        }
        for (WorkerResult worker : workers) {
            text.append(line(worker));
        }
        if (judge != null) {
            text.append(line(judge));
        }
        text.append(String.format(Locale.ROOT, "total: $%s, %d prompt + %d completion tokens, %.1f s%n",
                totalCostUsd.toPlainString(), promptTokens, completionTokens, durationMs / 1000.0));
        text.append("winner: ").append(winner == null ? "none" : winner + (winnerBranch == null ? "" : " (" + winnerBranch + ")"))
                .append('\n');
        if (why != null) {
            text.append("why: ").append(why).append('\n');
        }
        if (folder != null) {
            text.append("stored in ").append(folder).append('\n');
        }
        return text.toString();
    }

    private static String line(WorkerResult worker) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s %-6s %-24s %-13s $%-10s %6d+%-6d tok %6.1f s",
                worker.name(), worker.kind(), worker.target(), worker.status().name().toLowerCase(Locale.ROOT),
                worker.costUsd().toPlainString(), worker.promptTokens(), worker.completionTokens(),
                worker.durationMs() / 1000.0));
        if (worker.check() != null) {
            line.append("  check ").append(worker.check().passed() ? "passed" : "FAILED (exit " + worker.check().exitCode() + ")");
        }
        if (worker.branch() != null) {
            line.append("  branch ").append(worker.branch());
            if (worker.commit() != null) {
                line.append(" @ ").append(worker.commit(), 0, Math.min(10, worker.commit().length()))
                        .append(" (").append(worker.changedFiles().size()).append(" files, ").append(worker.diffLines())
                        .append(" lines)");
            }
        }
        if (!worker.scratchRemoved().isEmpty()) {
            line.append("  scratch removed: ").append(String.join(", ", worker.scratchRemoved()));
        }
        if (worker.error() != null) {
            line.append("  — ").append(worker.error());
        }
        return line.append('\n').toString();
    }
}
