package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.TollgateConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The parts of one decision measured apart, to see where its time goes (same 50-model catalog). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DecisionPartsBenchmark {
    private PolicyRules rules;
    private StrategyScores strategies;
    private RouteConfig route;
    private Map<String, ModelConfig> catalog;
    private List<String> names;
    private List<ModelConfig> models;
    private List<Object> facts;

    @Setup
    public void load() throws Exception {
        Path repo = Path.of(System.getProperty("tollgate.repo", ".")).toAbsolutePath();
        TollgateConfig config = dev.tollgate.bench.DecisionBenchmark.catalog(50, repo.resolve("config"));
        rules = PolicyRules.compile(repo.resolve("rules"));
        strategies = new StrategyScores(new RoundRobinCounters(), new LatencyStats());
        route = config.routes().stream().filter(r -> r.name().equals("coding")).findFirst().orElseThrow();
        catalog = config.models();
        names = List.copyOf(catalog.keySet());
        models = List.copyOf(catalog.values());
        double[] base = strategies.points(route, names, models, 300, true);
        facts = new ArrayList<>();
        RequestFacts request = new RequestFacts(BudgetProfile.FREE, false, 0.7, null, 300, false, "coding", "simple", false,
                true, "coding");
        facts.add(request);
        for (int i = 0; i < names.size(); i++) {
            ModelConfig model = models.get(i);
            facts.add(new Candidate(names.get(i), model.provider(), model.free(), model.price().input(), model.price().output(),
                    model.contextWindow(), model.quality(), model.coding(), model.reasoning(), model.speed(), model.vision(),
                    model.tools(), model.tier(), StrategyScores.fit(route.weights(), model), base[i], request));
        }
    }

    @Benchmark
    public Object rulesOnly() {
        return rules.evaluate(facts);
    }

    @Benchmark
    public Object strategyPointsOnly() {
        return strategies.points(route, names, models, 300, true);
    }

    @Benchmark
    public Object decisionId() {
        return "dec-" + UUID.randomUUID();
    }
}
