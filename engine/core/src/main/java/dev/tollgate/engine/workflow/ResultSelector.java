package dev.tollgate.engine.workflow;

import dev.tollgate.engine.config.SelectorConfig;
import org.kie.api.builder.Message;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.utils.KieHelper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a best-of's winner among its verified results only: scores them (a judge model routed like any request, a
 * DRL scoring rule, or a score command), then ranks them by the workflow's {@code rank-by} keys.
 */
final class ResultSelector {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    private final GatewayClient gateway;
    private final RunUsage usage;
    private final Path rulesDir;

    ResultSelector(GatewayClient gateway, RunUsage usage, Path rulesDir) {
        this.gateway = gateway;
        this.usage = usage;
        this.rulesDir = rulesDir;
    }

    Selection select(WorkflowRun run, List<WorkerResult> results) throws IOException, InterruptedException {
        SelectorConfig selector = run.workflow().selector();
        List<WorkerResult> verified = results.stream().filter(WorkerResult::done).toList();
        if (verified.isEmpty()) {
            return new Selection(results, null, "no result was verified: " + summary(results), null);
        }
        if (run.stopped() != null) {
            return new Selection(results, null, "the run stopped before choosing: " + run.stopped(), null);
        }
        Map<String, Double> scores = new HashMap<>();
        String scoredBy = null;
        WorkerResult judgeCall = null;
        if (selector.judge() != null && verified.size() > 1) {
            judgeCall = judge(run, selector.judge(), verified, scores);
            scoredBy = "the judge " + (judgeCall.servedBy() == null ? selector.judge() : judgeCall.servedBy());
        } else if (selector.rule() != null) {
            scoreByRule(rulesDir.resolve(selector.rule()), verified, scores);
            scoredBy = "the rule " + selector.rule();
        } else if (selector.scoreCommand() != null) {
            scoreByCommand(run, selector.scoreCommand(), verified, scores);
            scoredBy = "the score command";
        }
        List<WorkerResult> scored = new ArrayList<>();
        for (WorkerResult result : results) {
            scored.add(scores.containsKey(result.name()) ? result.withScore(scores.get(result.name())) : result);
        }
        List<WorkerResult> ranked = scored.stream().filter(WorkerResult::done).sorted(ranking(selector.rankBy())).toList();
        WorkerResult winner = ranked.get(0);
        return new Selection(scored, winner, why(winner, ranked, selector, scoredBy, results), judgeCall);
    }

    private WorkerResult judge(WorkflowRun run, String model, List<WorkerResult> verified, Map<String, Double> scores)
            throws IOException, InterruptedException {
        StringBuilder prompt = new StringBuilder("You are judging results for this task:\n").append(run.task())
                .append("\n\nReply with the number of the best result only.\n");
        for (int i = 0; i < verified.size(); i++) {
            WorkerResult result = verified.get(i);
            prompt.append("\n[").append(i + 1).append("] ");
            if ("coder".equals(result.kind())) {
                prompt.append("changed ").append(String.join(", ", result.changedFiles())).append(" (")
                        .append(result.diffLines()).append(" lines)\n").append(nullToEmpty(result.output()));
            } else {
                prompt.append(nullToEmpty(result.output()));
            }
            prompt.append('\n');
        }
        long started = System.currentTimeMillis();
        String token = usage.register(run.id(), "judge");
        try {
            GatewayClient.Answer answer = gateway.ask(model, prompt.toString(), token);
            Integer chosen = null;
            if (answer.ok()) {
                Matcher number = Pattern.compile("\\d+").matcher(answer.text());
                while (number.find() && chosen == null) {
                    int n = Integer.parseInt(number.group());
                    chosen = n >= 1 && n <= verified.size() ? n : null;
                }
            }
            for (int i = 0; i < verified.size(); i++) {
                scores.put(verified.get(i).name(), chosen != null && chosen == i + 1 ? 1.0 : 0.0);
            }
            String error = !answer.ok() ? answer.describe()
                    : chosen == null ? "the judge named no result (" + answer.text() + ")" : null;
            return new WorkerResult("judge", "judge", model, error == null ? WorkerResult.Status.DONE
                    : answer.refused() ? WorkerResult.Status.REFUSED : WorkerResult.Status.FAILED, answer.text(),
                    answer.model(), null, null, null, 0, null, answer.costUsd(), answer.promptTokens(),
                    answer.completionTokens(), System.currentTimeMillis() - started, null,
                    chosen == null ? null : (double) chosen, answer.decision() == null ? null : List.of(answer.decision()),
                    null, error);
        } finally {
            usage.release(token);
        }
    }

    private static void scoreByRule(Path file, List<WorkerResult> verified, Map<String, Double> scores) throws IOException {
        KieHelper helper = new KieHelper();
        helper.addContent(Files.readString(file), ResourceType.DRL);
        List<Message> errors = helper.verify().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IOException(file + ":" + errors.get(0).getLine() + ": " + errors.get(0).getText());
        }
        KieSession session = helper.build().newKieSession();
        try {
            for (WorkerResult result : verified) {
                String output = nullToEmpty(result.output());
                session.insert(new ResultFacts(result.name(), result.kind(), result.target(), output, output.length(),
                        result.costUsd().doubleValue(), result.promptTokens(), result.completionTokens(),
                        result.durationMs(), result.diffLines()));
                scores.put(result.name(), 0.0);
            }
            session.fireAllRules();
            for (Object fact : session.getObjects(o -> o instanceof ResultScore)) {
                ResultScore score = (ResultScore) fact;
                scores.computeIfPresent(score.worker(), (name, sum) -> sum + score.points());
            }
        } finally {
            session.dispose();
        }
    }

    private static void scoreByCommand(WorkflowRun run, String command, List<WorkerResult> verified,
                                       Map<String, Double> scores) throws IOException, InterruptedException {
        Path where = run.repo() != null ? run.repo() : run.runDir();
        for (WorkerResult result : verified) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TOLLGATE_WORKER", result.name());
            if (result.branch() != null) {
                env.put("TOLLGATE_BRANCH", result.branch());
            }
            ShellCommand.Outcome outcome = ShellCommand.shell(command, where, env, nullToEmpty(result.output()),
                    Duration.ofSeconds(run.workflow().checkTimeoutSeconds()));
            Matcher number = NUMBER.matcher(outcome.output());
            scores.put(result.name(), outcome.exitCode() == 0 && number.find() ? Double.parseDouble(number.group()) : 0.0);
        }
    }

    static Comparator<WorkerResult> ranking(List<String> keys) {
        Comparator<WorkerResult> order = (a, b) -> 0;
        for (String key : keys) {
            order = order.thenComparing(switch (key) {
                case "score" -> Comparator.comparing((WorkerResult r) -> r.score() == null ? Double.NEGATIVE_INFINITY : r.score())
                        .reversed();
                case "diff-size" -> Comparator.comparingLong(WorkerResult::diffLines);
                case "cost" -> Comparator.comparing(WorkerResult::costUsd);
                case "duration" -> Comparator.comparingLong(WorkerResult::durationMs);
                default -> throw new IllegalArgumentException("unknown ranking key " + key);
            });
        }
        return order.thenComparing(WorkerResult::name);
    }

    private static String why(WorkerResult winner, List<WorkerResult> ranked, SelectorConfig selector, String scoredBy,
                              List<WorkerResult> all) {
        StringBuilder why = new StringBuilder(winner.name()).append(" won among ").append(ranked.size())
                .append(" verified result").append(ranked.size() == 1 ? "" : "s");
        if (winner.check() != null) {
            why.append(" (its check passed)");
        }
        List<String> keys = new ArrayList<>(selector.rankBy());
        if (scoredBy == null) {
            keys.remove("score");
        }
        why.append(", ranked by ").append(String.join(", then ", keys));
        if (scoredBy != null) {
            why.append("; scored by ").append(scoredBy).append(": ").append(formatScore(winner.score()));
        }
        why.append("; cost $").append(winner.costUsd().toPlainString());
        List<WorkerResult> excluded = all.stream().filter(r -> !r.done()).toList();
        if (!excluded.isEmpty()) {
            why.append("; not eligible: ").append(summary(excluded));
        }
        return why.toString();
    }

    private static String summary(List<WorkerResult> results) {
        List<String> parts = new ArrayList<>();
        for (WorkerResult result : results) {
            parts.add(result.name() + " " + result.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (result.error() == null ? "" : " (" + result.error() + ")"));
        }
        return String.join(", ", parts);
    }

    private static String formatScore(Double score) {
        return score == null ? "none" : BigDecimal.valueOf(score).stripTrailingZeros().toPlainString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
