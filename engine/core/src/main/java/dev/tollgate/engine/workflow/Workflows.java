package dev.tollgate.engine.workflow;

import dev.tollgate.engine.config.CoderConfig;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.config.WorkerConfig;
import dev.tollgate.engine.config.WorkflowConfig;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.spi.CoderRunner;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the workflows of workflows.yaml inside a running gateway: each run gets its own Camel routes, its workers
 * call the gateway over HTTP like any client, and its report and task cards are kept in its folder under
 * {@code runs}. Started by {@code tollgate run} and by {@code POST /admin/api/workflows/{name}/runs}.
 */
public final class Workflows implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workflows.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A run that was started: its id, and its report once it has ended. */
    public record Started(String id, CompletableFuture<RunReport> report) {
    }

    /** Thrown for a workflow name that workflows.yaml does not define. */
    public static final class UnknownWorkflow extends Exception {
        public UnknownWorkflow(String message) {
            super(message);
        }
    }

    private final CamelContext camel;
    private final PolicyHolder policy;
    private final Path runsRoot;
    private final GatewayClient gateway;
    private final RunUsage usage;
    private final Map<String, CoderRunner> runners;
    private final ResultSelector selector;
    private final Map<String, WorkflowRun> running = new ConcurrentHashMap<>();
    private final Map<String, RunReport> finished = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tollgate-workflow");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param gatewayBase   the gateway's own root URL, which workers call
     * @param runsRoot      where each run keeps its report, task cards and (while it runs) worktrees
     * @param pluginRunners the coder runners plugins provide; {@code command} is built in
     */
    public Workflows(CamelContext camel, PolicyHolder policy, URI gatewayBase, Path runsRoot, Path rulesDir,
                     Map<String, CoderRunner> pluginRunners, RunUsage usage) {
        this.camel = camel;
        this.policy = policy;
        this.runsRoot = runsRoot;
        this.gateway = new GatewayClient(gatewayBase);
        this.usage = usage;
        Map<String, CoderRunner> all = new LinkedHashMap<>();
        CoderRunner builtIn = new CommandCoderRunner();
        all.put(builtIn.id(), builtIn);
        pluginRunners.forEach(all::putIfAbsent);
        this.runners = Map.copyOf(all);
        this.selector = new ResultSelector(gateway, usage, rulesDir);
    }

    /** The workflows the loaded policy defines. */
    public Map<String, WorkflowConfig> defined() {
        return policy.current().config().workflows();
    }

    /**
     * Starts a run in the background.
     *
     * @param repo the git repository coder workers branch from, or {@code null} (model workers only)
     */
    public Started start(String name, String task, Path repo, RunProgress progress) throws UnknownWorkflow, IOException {
        TollgateConfig config = policy.current().config();
        WorkflowConfig workflow = config.workflows().get(name);
        if (workflow == null) {
            throw new UnknownWorkflow("no workflow '" + name + "' (defined: "
                    + (config.workflows().isEmpty() ? "none; add one to config/workflows.yaml"
                    : String.join(", ", config.workflows().keySet())) + ")");
        }
        if (task == null || task.isBlank()) {
            throw new UnknownWorkflow("a run needs a task");
        }
        if (repo != null && !Files.isDirectory(repo.resolve(".git")) && !Files.isRegularFile(repo.resolve(".git"))) {
            throw new UnknownWorkflow(repo + " is not a git repository");
        }
        String id = LocalDateTime.now(ZoneOffset.UTC).format(RUN_TIME) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        Path runDir = Files.createDirectories(runsRoot.resolve(id));
        RunProgress both = (run, worker, message) -> {
            LOG.info("run {} {}: {}", run, worker, message);
            progress.event(run, worker, message);
        };
        WorkflowRun run = new WorkflowRun(id, name, workflow, config.profile(), task.strip(),
                repo == null ? null : repo.toAbsolutePath().normalize(), runDir, both);
        Map<String, CoderConfig> coders = config.coders();
        running.put(id, run);
        CompletableFuture<RunReport> report = CompletableFuture.supplyAsync(() -> execute(run, coders), executor);
        return new Started(id, report);
    }

    /** A run's report: its status so far while it runs. */
    public Optional<RunReport> report(String id) {
        RunReport done = finished.get(id);
        if (done != null) {
            return Optional.of(done);
        }
        WorkflowRun run = running.get(id);
        return run == null ? Optional.empty() : Optional.of(report(run, "running", null, null, run.results()));
    }

    private RunReport execute(WorkflowRun run, Map<String, CoderConfig> coders) {
        ModelWorker models = new ModelWorker(gateway, usage);
        CoderWorker coderWorker = new CoderWorker(gateway, usage, runners);
        TaskCard base = new TaskCard(run.id(), run.task(), run.repo() == null ? List.of() : List.of("repository: " + run.repo()),
                run.workflow().constraints(), null, null);
        WorkflowRoutes routes = new WorkflowRoutes(run,
                worker -> run.workflow().kind() == WorkflowConfig.Kind.BEST_OF
                        ? exchange -> exchange.getMessage().setBody(work(run, worker, card(run, worker, base, null), "HEAD",
                        models, coderWorker, coders))
                        : exchange -> exchange.getMessage().setBody(new HandOff(stage(run, worker, exchange, base, models, coderWorker, coders))),
                exchange -> select(run, exchange));
        RunReport report;
        try {
            camel.addRoutes(routes);
            run.progress().event(run.id(), "run", "started " + run.workflowName() + " (" + run.workflow().kind() + ", "
                    + run.workflow().participants().size() + " workers, profile " + run.profile() + ")");
            ProducerTemplate producer = camel.createProducerTemplate();
            try {
                Object outcome = producer.requestBody(WorkflowRoutes.entry(run), run.workflow().kind() == WorkflowConfig.Kind.BEST_OF
                        ? base : new HandOff(null));
                report = outcome instanceof Selection selection ? bestOfReport(run, selection) : pipelineReport(run);
            } finally {
                producer.close();
            }
        } catch (Exception e) {
            LOG.error("run {} failed", run.id(), e);
            report = report(run, "failed", null, "the run failed: " + e.getMessage(), run.results());
        } finally {
            for (String routeId : routes.routeIds()) {
                try {
                    camel.getRouteController().stopRoute(routeId);
                    camel.removeRoute(routeId);
                } catch (Exception e) {
                    LOG.warn("run {}: could not remove route {}: {}", run.id(), routeId, e.getMessage());
                }
            }
        }
        try {
            Files.writeString(run.runDir().resolve("report.json"), CoderWorker.JSON.writeValueAsString(report));
            Files.writeString(run.runDir().resolve("report.txt"), report.text());
            deleteIfEmpty(run.runDir().resolve("worktrees"));
        } catch (IOException e) {
            LOG.warn("run {}: could not write its report: {}", run.id(), e.getMessage());
        }
        finished.put(run.id(), report);
        running.remove(run.id());
        run.progress().event(run.id(), "run", report.status() + (report.winner() == null ? "" : ", winner " + report.winner()));
        return report;
    }

    private void select(WorkflowRun run, Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<WorkerResult> results = new ArrayList<>(exchange.getMessage().getBody(List.class));
        List<WorkerConfig> order = run.workflow().participants();
        results.sort(Comparator.comparingInt(r -> order.indexOf(order.stream()
                .filter(w -> w.name().equals(r.name())).findFirst().orElseThrow())));
        Selection selection = selector.select(run, results);
        if (selection.judge() != null) {
            run.finished(selection.judge());
            run.progress().event(run.id(), "judge", describe(selection.judge()));
        }
        exchange.getMessage().setBody(selection);
    }

    private WorkerResult stage(WorkflowRun run, WorkerConfig worker, Exchange exchange, TaskCard base, ModelWorker models,
                               CoderWorker coders, Map<String, CoderConfig> coderConfigs) {
        WorkerResult previous = exchange.getMessage().getBody(HandOff.class).previous();
        TaskCard card = card(run, worker, base, previous);
        if (previous != null && !previous.done() && run.stopped() == null) {
            run.stop("stage " + previous.name() + " did not finish (" + previous.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        // A coder stage after a coder stage builds on its branch.
        String baseRef = previous != null && previous.commit() != null ? previous.branch() : "HEAD";
        return work(run, worker, card, baseRef, models, coders, coderConfigs);
    }

    private WorkerResult work(WorkflowRun run, WorkerConfig worker, TaskCard card, String baseRef, ModelWorker models,
                              CoderWorker coders, Map<String, CoderConfig> coderConfigs) {
        String kind = worker.isCoder() ? "coder" : "model";
        String target = worker.isCoder() ? worker.coder() : worker.model();
        WorkerResult result;
        if (run.stopped() != null) {
            result = WorkerResult.skipped(worker.name(), kind, target, card, "not started: " + run.stopped());
        } else {
            run.progress().event(run.id(), worker.name(), "started (" + kind + " " + target + ")");
            try {
                Path cards = Files.createDirectories(run.runDir().resolve("cards"));
                Files.writeString(cards.resolve(worker.name() + ".json"), CoderWorker.JSON.writeValueAsString(card));
            } catch (IOException e) {
                LOG.warn("run {}: could not store the task card of {}: {}", run.id(), worker.name(), e.getMessage());
            }
            result = worker.isCoder() ? coders.run(run, worker, coderConfigs.get(worker.coder()), card, baseRef)
                    : models.run(run, worker, card);
        }
        run.finished(result);
        run.progress().event(run.id(), worker.name(), describe(result));
        return result;
    }

    private static String describe(WorkerResult result) {
        StringBuilder text = new StringBuilder(result.status().name().toLowerCase(java.util.Locale.ROOT));
        if (result.status() != WorkerResult.Status.SKIPPED) {
            text.append(String.format(java.util.Locale.ROOT, " in %.1f s, $%s, %d+%d tokens", result.durationMs() / 1000.0,
                    result.costUsd().toPlainString(), result.promptTokens(), result.completionTokens()));
        }
        if (result.check() != null) {
            text.append(", check ").append(result.check().passed() ? "passed" : "failed");
        }
        if (result.branch() != null && result.commit() != null) {
            text.append(", committed on ").append(result.branch());
        }
        if (result.error() != null) {
            text.append(": ").append(result.error());
        }
        return text.toString();
    }

    /** A worker's task card: the run's task, or the stage's instruction with the previous stage's result handed on. */
    private static TaskCard card(WorkflowRun run, WorkerConfig worker, TaskCard base, WorkerResult previous) {
        String previousOutput = previous == null ? "" : previous.commit() != null
                ? "branch " + previous.branch() + " at " + previous.commit()
                : previous.output() == null ? "" : previous.output();
        String instruction = worker.instruction() == null ? run.task()
                : worker.instruction().replace("{task}", run.task()).replace("{previous}", previousOutput);
        List<String> context = new ArrayList<>(base.context());
        if (previous != null) {
            context.add("previous stage " + previous.name() + " (" + previous.kind() + " " + previous.target() + "): "
                    + previousOutput);
        }
        return new TaskCard(run.id() + "/" + worker.name(), instruction, context, base.constraints(), worker.expect(),
                previous == null ? null : previous.name());
    }

    private RunReport bestOfReport(WorkflowRun run, Selection selection) {
        String status = run.overBudget() ? "stopped-over-budget" : selection.winner() != null ? "done" : "no-winner";
        return report(run, status, selection.winner(), selection.why(), selection.results());
    }

    private RunReport pipelineReport(WorkflowRun run) {
        List<WorkerResult> stages = run.results().stream().filter(r -> !"judge".equals(r.kind())).toList();
        boolean allDone = !stages.isEmpty() && stages.stream().allMatch(WorkerResult::done);
        if (run.overBudget()) {
            return report(run, "stopped-over-budget", null, run.stopped(), stages);
        }
        if (!allDone) {
            return report(run, "failed", null, run.stopped() == null ? "a stage did not finish" : run.stopped(), stages);
        }
        WorkerResult last = stages.get(stages.size() - 1);
        return report(run, "done", last, "every stage finished" + (run.workflow().check() == null ? ""
                : " and passed the check") + "; the last stage's result is the run's", stages);
    }

    private RunReport report(WorkflowRun run, String status, WorkerResult winner, String why, List<WorkerResult> results) {
        List<WorkerResult> all = run.results();
        WorkerResult judge = all.stream().filter(r -> "judge".equals(r.kind())).findFirst().orElse(null);
        List<WorkerResult> workers = results.stream().filter(r -> !"judge".equals(r.kind())).toList();
        BigDecimal cost = all.stream().map(WorkerResult::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        long prompt = all.stream().mapToLong(WorkerResult::promptTokens).sum();
        long completion = all.stream().mapToLong(WorkerResult::completionTokens).sum();
        return new RunReport(run.id(), run.workflowName(), run.workflow().kind().yamlName(), run.task(),
                run.repo() == null ? null : run.repo().toString(), run.profile().name(), status, run.startedAt().toString(),
                System.currentTimeMillis() - run.startedAt().toEpochMilli(), cost, prompt, completion, workers, judge,
                winner == null ? null : winner.name(), winner == null ? null : winner.branch(), why,
                run.runDir().toString());
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
