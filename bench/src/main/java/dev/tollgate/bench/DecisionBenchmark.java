package dev.tollgate.bench;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.ConfigLoader;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.policy.Classification;
import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.DecisionInput;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicyDecider;
import dev.tollgate.engine.policy.PolicyRules;
import dev.tollgate.engine.policy.RoundRobinCounters;
import dev.tollgate.engine.policy.TaskClassifier;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One routing decision, as the {@code decide} step makes it: classification, route table, strategy
 * scores and the Drools rules over a request fact and one fact per candidate, with the repository's
 * own config/ and rules/ and a catalog grown to 50 models (the shipped catalog has 13). Baselines in the same run: the
 * classification alone, and the whole decision with a rule base that never fires.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DecisionBenchmark {
    /** {@link Blackhole#consumeCPU} steps in {@link #fixedWork}: about 24 µs on this machine, a decision's median on JDK 25. */
    private static final long FIXED_WORK_TOKENS = 12_000;

    /** Models in the catalog: the shipped ones, padded with generated ones (-p catalogSize=13,50 compares sizes). */
    @Param("50")
    public int catalogSize;

    private PolicyDecider decider;
    private PolicyDecider deciderWithoutRules;
    private TaskClassifier classifier;
    private ChatRequest codingTurn;
    private ChatRequest securityQuestion;

    @Setup
    public void load() throws Exception {
        Path repo = Path.of(System.getProperty("tollgate.repo", ".")).toAbsolutePath();
        TollgateConfig policy = catalog(catalogSize, repo.resolve("config"));
        if (policy.models().size() != catalogSize) {
            throw new IllegalStateException("expected " + catalogSize + " models, loaded " + policy.models().size());
        }
        decider = new PolicyDecider(policy, PolicyRules.compile(repo.resolve("rules")), Map.of(),
                new RoundRobinCounters(), new LatencyStats());
        Path noRules = Files.createTempDirectory("tollgate-bench-rules");
        Files.writeString(noRules.resolve("none.drl"), """
                package tollgate.rules;
                import dev.tollgate.engine.policy.RequestFacts;
                rule "never fires"
                when
                    RequestFacts(estimatedTokens < 0)
                then
                end
                """);
        try {
            deciderWithoutRules = new PolicyDecider(policy, PolicyRules.compile(noRules), Map.of(),
                    new RoundRobinCounters(), new LatencyStats());
        } finally {
            deleteTree(noRules);
        }
        classifier = new TaskClassifier(policy.classifier());
        codingTurn = request("""
                {"model": "auto", "messages": [
                  {"role": "system", "content": "You are a coding agent working in the user's repository. Use the tools to read and edit files. Keep changes small and run the tests."},
                  {"role": "user", "content": "The parser drops the last line when the file has no trailing newline. Fix it in src/main/java/Parser.java and add a unit test."}],
                 "tools": [
                  {"type": "function", "function": {"name": "read_file", "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}},
                  {"type": "function", "function": {"name": "write_file", "parameters": {"type": "object", "properties": {"path": {"type": "string"}, "content": {"type": "string"}}}}},
                  {"type": "function", "function": {"name": "run_command", "parameters": {"type": "object", "properties": {"command": {"type": "string"}}}}}]}
                """);
        securityQuestion = request("""
                {"model": "auto", "messages": [{"role": "user", "content": "Is this login query open to SQL injection? query = \\"SELECT * FROM users WHERE name = '\\" + name + \\"'\\""}]}
                """);
        // Every variant must decide something, or the benchmark measures an early exit.
        for (Decision decision : new Decision[] {decideFree(), decideCareful(), decideSecurityUnderFree(), decideWithoutRules()}) {
            if (decision.ranked().isEmpty()) {
                throw new IllegalStateException("a benchmark decision ranked no candidate: " + decision);
            }
        }
    }

    /** A coding agent's turn (system prompt, tools) under FREE: the decision the gateway makes most. */
    @Benchmark
    public Decision decideFree() {
        return decider.decide(new DecisionInput(codingTurn, null, BudgetProfile.FREE, false, null, null));
    }

    /**
     * The same turn under CAREFUL, with paid models allowed (CAREFUL's default): the quality-bar, usable-free and
     * justification rules fire too.
     */
    @Benchmark
    public Decision decideCareful() {
        return decider.decide(new DecisionInput(codingTurn, null, BudgetProfile.CAREFUL, true, null, null));
    }

    /** A complex security question under FREE: the hard-problems route. */
    @Benchmark
    public Decision decideSecurityUnderFree() {
        return decider.decide(new DecisionInput(securityQuestion, null, BudgetProfile.FREE, false, null, null));
    }

    /** Baseline: the whole decision with a rule base whose only rule never matches. */
    @Benchmark
    public Decision decideWithoutRules() {
        return deciderWithoutRules.decide(new DecisionInput(codingTurn, null, BudgetProfile.FREE, false, null, null));
    }

    /**
     * Baseline for the tail: the same amount of work every time (a fixed number of CPU-burning steps, about a decision's
     * median here, no allocation). Whatever spread it shows between p50 and p99 is the machine's, not the decision's.
     */
    @Benchmark
    public void fixedWork() {
        Blackhole.consumeCPU(FIXED_WORK_TOKENS);
    }

    /** Baseline: token estimate and classification only. */
    @Benchmark
    public Classification classifyOnly() {
        return classifier.classify(codingTurn, null, TokenEstimate.of(codingTurn), false);
    }

    private static ChatRequest request(String json) throws Exception {
        return ParseChatRequest.parse(json.getBytes(StandardCharsets.UTF_8), 1 << 20, "auto");
    }

    /** The repository's config/, its catalog padded with plausible models up to {@code size} (written to a temporary folder). */
    public static TollgateConfig catalog(int size, Path shipped) throws Exception {
        Path config = Files.createTempDirectory("tollgate-bench-config");
        try {
            return ConfigLoader.load(padded(config, size, shipped));
        } finally {
            deleteTree(config);
        }
    }

    private static Path padded(Path config, int size, Path shipped) throws Exception {
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        int shippedModels = ConfigLoader.load(config).models().size();
        StringBuilder more = new StringBuilder();
        String[] providers = {"google", "openrouter", "groq", "deepseek", "openai"};
        for (int i = shippedModels; i < size; i++) {
            String provider = providers[i % providers.length];
            boolean free = i % 3 != 0;
            double quality = 0.45 + (i * 37 % 50) / 100.0;
            more.append(String.format(Locale.ROOT, """
                      %s/bench-model-%02d:
                        provider: %s
                        context-window: %d
                        free: %s
                        quality: %.2f
                        coding: %.2f
                        speed: %.2f
                        vision: %s
                    """, provider, i, provider, 32_768 << (i % 5), free, quality, Math.min(1, quality + 0.03),
                    0.3 + (i * 13 % 60) / 100.0, i % 4 == 0));
            if (!free) {
                more.append(String.format(Locale.ROOT, "    price: { input: %.2f, output: %.2f }%n", 0.1 + i % 7, 0.4 + 4 * (i % 7)));
            }
        }
        Files.writeString(config.resolve("models.yaml"), more, StandardOpenOption.APPEND);
        return config;
    }

    private static void deleteTree(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
