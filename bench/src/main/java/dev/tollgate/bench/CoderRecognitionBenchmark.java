package dev.tollgate.bench;

import dev.tollgate.engine.coder.CoderIdentity;
import dev.tollgate.engine.coder.Coders;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderRequest;
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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code identify-coder} step: every coder adapter of plugins/coders asked in turn, as the gateway asks them, about
 * a request whose system prompt is {@code promptKiB} long (coding agents send 10–60 KiB of system prompt with every
 * turn). {@code unknownClient} is the worst case: no adapter recognises it, so every one checks all its fragments.
 * Baseline in the same run: {@code byHeader}, a Claude Code turn recognised from its User-Agent by the second adapter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class CoderRecognitionBenchmark {
    @Param("32")
    public int promptKiB;

    private Coders coders;
    private ChatRequest agentTurn;

    @Setup
    public void load() throws Exception {
        coders = new Coders(adapters());
        StringBuilder prompt = new StringBuilder("You are a coding agent working in the user's repository. ");
        String filler = "Use the tools to read and edit files; keep changes small, explain them, and run the tests. ";
        while (prompt.length() < promptKiB * 1024) {
            prompt.append(filler);
        }
        agentTurn = ParseChatRequest.parse(("{\"model\": \"auto\", \"messages\": [{\"role\": \"system\", \"content\": \""
                + prompt + "\"}, {\"role\": \"user\", \"content\": \"Fix the null check in parser.ts\"}], \"tools\": [{\"type\": "
                + "\"function\", \"function\": {\"name\": \"read_file\", \"parameters\": {\"type\": \"object\"}}}]}")
                .getBytes(StandardCharsets.UTF_8), 1 << 22, "auto");
        if (!unknownClient().coder().equals("unknown") || !byHeader().coder().equals("claude-code")) {
            throw new IllegalStateException("the benchmark's requests are not recognised as intended");
        }
    }

    @Benchmark
    public CoderIdentity unknownClient() {
        return coders.identify(new CoderRequest("chat", Map.of("User-Agent", "curl/8.5.0"), agentTurn), null);
    }

    @Benchmark
    public CoderIdentity byHeader() {
        return coders.identify(new CoderRequest("messages", Map.of("User-Agent", "claude-cli/2.0.14 (external, cli)",
                "x-app", "cli"), agentTurn), null);
    }

    /** The plugin's adapters, from the indexes PF4J reads (the gateway loads the same classes from the plugin's jar). */
    private static List<CoderAdapter> adapters() throws Exception {
        List<CoderAdapter> adapters = new ArrayList<>();
        ClassLoader loader = CoderRecognitionBenchmark.class.getClassLoader();
        for (URL resource : Collections.list(loader.getResources("META-INF/extensions.idx"))) {
            try (BufferedReader index = new BufferedReader(new InputStreamReader(resource.openStream(), StandardCharsets.UTF_8))) {
                for (String line = index.readLine(); line != null; line = index.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    Class<?> type = loader.loadClass(line.strip());
                    if (CoderAdapter.class.isAssignableFrom(type)) {
                        adapters.add((CoderAdapter) type.getDeclaredConstructor().newInstance());
                    }
                }
            }
        }
        if (adapters.size() < 11) {
            throw new IllegalStateException("found " + adapters.size() + " coder adapters in META-INF/extensions.idx");
        }
        return adapters;
    }
}
