package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real gateway process under load is killed with SIGKILL and started again: the ledger keeps
 * whole requests only, loses at most the flush interval's worth, and agrees with the upstream's
 * own count of calls. A normal stop afterwards loses nothing.
 */
class CrashTest {
    private static final int FLUSH_MS = 1000;
    // Scheduling slack on a busy 2-core machine: a row can wait a little past the interval.
    private static final int SLACK_MS = 500;
    private static final int CLIENTS = 4;

    @Test
    void killMinusNineLosesAtMostTheFlushIntervalAndNeverHalfARow() throws Exception {
        Model free = Model.free("free/first", 0.8);
        try (TestGateway gateway = new TestGateway().model(free).flushIntervalMs(FLUSH_MS)) {
            gateway.upstreams().answersAfter(free, 5);
            gateway.writeConfig();
            int port = TestGateway.freePort();
            Process process = serve(gateway, port, "first-run.log");
            Map<String, Long> answeredAt = new ConcurrentHashMap<>();
            AtomicBoolean loading = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (loading.get()) {
                        try {
                            HttpResponse<String> answer = post(gateway, port);
                            if (answer.statusCode() == 200) {
                                answeredAt.put(answer.headers().firstValue("x-tollgate-decision").orElseThrow(), System.nanoTime());
                            }
                        } catch (Exception killed) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            // Kill in the middle of the load, once it has run past a few flushes (a busy machine warms up slowly).
            long loadStarted = System.nanoTime();
            while ((answeredAt.size() < 80 || System.nanoTime() - loadStarted < Duration.ofMillis(3 * FLUSH_MS).toNanos())
                    && System.nanoTime() - loadStarted < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(50);
            }
            process.destroyForcibly();
            long killedAt = System.nanoTime();
            process.waitFor(10, TimeUnit.SECONDS);
            loading.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            List<Map<String, Object>> rows = gateway.query("SELECT * FROM requests");
            Set<String> recorded = rows.stream().map(r -> (String) r.get("decision_id")).collect(Collectors.toSet());
            assertThat(answeredAt).hasSizeGreaterThanOrEqualTo(80);
            assertThat(rows).as("rows flushed before the kill").isNotEmpty();
            // No half rows: every request has its attempt, every attempt its request, every row its outcome.
            assertThat(gateway.query("SELECT r.id FROM requests r LEFT JOIN attempts a ON a.request_id = r.id WHERE a.request_id IS NULL"))
                    .isEmpty();
            assertThat(gateway.query("SELECT a.request_id FROM attempts a LEFT JOIN requests r ON r.id = a.request_id WHERE r.id IS NULL"))
                    .isEmpty();
            assertThat(rows).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("ok"));
            // At most the last interval is missing: everything answered before it is there.
            long intervalBeforeKill = killedAt - Duration.ofMillis(FLUSH_MS + SLACK_MS).toNanos();
            List<String> missingOld = answeredAt.entrySet().stream()
                    .filter(e -> e.getValue() < intervalBeforeKill && !recorded.contains(e.getKey())).map(Map.Entry::getKey).toList();
            assertThat(missingOld).as("answered more than %d ms before the kill but not in the ledger", FLUSH_MS + SLACK_MS).isEmpty();
            // Totals agree with the upstream's count: each ledger row is one call; unrecorded calls are the last interval's.
            int upstreamCalls = gateway.upstreams().calls(free);
            long answeredLate = answeredAt.values().stream().filter(t -> t >= intervalBeforeKill).count();
            assertThat(rows.size()).isLessThanOrEqualTo(upstreamCalls);
            assertThat(upstreamCalls - rows.size()).isLessThanOrEqualTo((int) answeredLate + CLIENTS);

            // Started again on the same ledger (in this JVM, to save a second start-up): the old rows stay, new ones
            // are added, and a normal stop writes them although the flush interval has not passed.
            gateway.start();
            HttpResponse<String> answer = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
            assertThat(answer.statusCode()).isEqualTo(200);
            gateway.stop();
            List<Map<String, Object>> after = gateway.query("SELECT decision_id FROM requests");
            assertThat(after).hasSize(rows.size() + 1);
            assertThat(after).extracting(r -> r.get("decision_id"))
                    .contains(answer.headers().firstValue("x-tollgate-decision").orElseThrow());
        }
    }

    /** {@code tollgate serve} in a JVM of its own, on the test's class path; returns once it answers. */
    private static Process serve(TestGateway gateway, int port, String log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.tollgate.engine.cli.TollgateCommand", "serve",
                "--home", gateway.home().toString(), "--rules", gateway.rulesDir().toString(),
                "--plugins", System.getProperty("tollgate.plugins"), "--port", String.valueOf(port)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(gateway.home().resolve(log).toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = gateway.http().send(HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                assertThat(process.isAlive()).as("gateway process exited; see " + gateway.home().resolve(log)).isTrue();
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the gateway did not start within 180 s; see " + gateway.home().resolve(log));
    }

    private static HttpResponse<String> post(TestGateway gateway, int port) throws Exception {
        return gateway.http().send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.chat("auto", false))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
