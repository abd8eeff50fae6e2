package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault-injection soak: a gateway whose upstreams fail at random (500, 502, 503, 529, 429 with
 * Retry-After, hanging past the timeout, connection reset, malformed JSON, a stream cut or stalled
 * or ended early after its first event), plus one free upstream that is always healthy. Clients
 * send a mix of plain and streamed requests from several threads. Asserted at the end:
 * <ul>
 * <li>every plain request succeeds, and every streamed one ends with [DONE], or, only when its
 *     upstream broke after the first event, with an error event and the end of the stream; none hangs;</li>
 * <li>no request is answered (billed) twice by the upstreams, and none is charged twice in the ledger;</li>
 * <li>the ledger has one request row per client request, with the decision ids the clients saw;</li>
 * <li>the heap after GC, once warm-up requests have refilled the decision log, is about what it was after the
 *     warm-up (no leak).</li>
 * </ul>
 * Bounded to about a minute and a half; {@code -Dtollgate.soak.seconds=N} sets the fault phase's length, and
 * {@code -Dtollgate.soak.report=FILE} writes the summary to a file ({@code bench/run-soak} does both).
 */
class FaultInjectionSoakTest {
    private static final int CLIENTS = 4;
    private static final int WARM_UP_CLIENTS = 8;
    private static final String REFILL_USER = "soak-refill";
    private static final long HEAP_GROWTH_ALLOWED = 8L * 1024 * 1024;
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(30);

    private static final Model CHAOS_STRONG = Model.free("chaos-a/strong", 0.95);
    private static final Model CHAOS_MEDIUM = Model.free("chaos-b/medium", 0.9);
    private static final Model CHAOS_SMALL = Model.free("chaos-c/small", 0.85);
    private static final Model CHAOS_PAID = Model.paid("chaos-paid/gpt", 0.97, "2", "8");
    private static final Model HEALTHY = Model.free("healthy/llama", 0.3);

    private final int faultSeconds = Integer.getInteger("tollgate.soak.seconds", 20);
    private ChaosUpstream upstreams;
    private TestGateway gateway;

    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refilled = new AtomicInteger();
    private final AtomicInteger plainOk = new AtomicInteger();
    private final AtomicInteger streamsDone = new AtomicInteger();
    private final AtomicInteger streamsBroken = new AtomicInteger();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> decisionIds = ConcurrentHashMap.newKeySet();
    private final Map<String, BigDecimal> plainCostsByDecision = new ConcurrentHashMap<>();
    private String growth = "";

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (upstreams != null) {
            upstreams.close();
        }
    }

    @Test
    void invariantsHoldWhileUpstreamsFailAtRandom() throws Exception {
        long seed = Long.getLong("tollgate.soak.seed", System.nanoTime());
        // The paid model answers at least every second call, so that charged answers are part of every run (its
        // first calls fail, and a provider whose first few calls all fail can stay cooled down for the whole phase).
        upstreams = new ChaosUpstream(Set.of(HEALTHY.provider()), Set.of(CHAOS_PAID.provider()), seed, 2_500,
                CLIENT_PATIENCE.toMillis() * 2);
        gateway = new TestGateway().model(CHAOS_STRONG).model(CHAOS_MEDIUM).model(CHAOS_SMALL).model(CHAOS_PAID).model(HEALTHY)
                .upstreamBaseUrl(upstreams.baseUrl()).upstreamTimeoutSeconds(1)
                // UNLIMITED ranks the paid model first, so that charged answers (and their costs) are part of the soak.
                .profile("UNLIMITED").start();

        // Warm-up: enough requests to fill the gateway's bounded decision log, so that what stays is not mistaken for a leak.
        Instant started = Instant.now();
        run(Gateway.DECISIONS_KEPT, Duration.ofMinutes(5), HEALTHY.name(), WARM_UP_CLIENTS, true);
        long heapBefore = heapAfterGc();
        Map<String, Long> classesBefore = histogram();
        int warmUp = sent.get();
        Duration warmUpTook = Duration.between(started, Instant.now());

        int plainBefore = plainOk.get();
        int streamsBefore = streamsDone.get();
        run(Integer.MAX_VALUE, Duration.ofSeconds(faultSeconds), "auto", CLIENTS, true);
        int total = sent.get();
        // The decision log keeps the last DECISIONS_KEPT decisions, and a fault-phase decision (five candidates) holds
        // more than a warm-up one (one): refill the log with warm-up requests, so that both heap figures are taken with
        // the same kind of log and only what the fault phase left behind counts as growth. The refill keeps no
        // per-request bookkeeping of its own (the test's, not the gateway's), and its rows are told apart by time.
        Instant refillStarted = Instant.now();
        run(Gateway.DECISIONS_KEPT, Duration.ofMinutes(5), HEALTHY.name(), WARM_UP_CLIENTS, false);
        int refill = refilled.get();
        // The ledger is written off the request path: wait for its last row, and measure before reading the rows in.
        for (int i = 0; i < 100 && ledgerRows() < total + refill; i++) {
            Thread.sleep(100);
        }
        long heapAfter = heapAfterGc();
        growth = topGrowth(classesBefore, histogram());
        List<Map<String, Object>> rows = gateway.ledger(total + refill);
        List<Map<String, Object>> beforeRefill = rows.stream()
                .filter(row -> Instant.parse((String) row.get("started_at")).isBefore(refillStarted)).toList();

        String summary = summary(seed, warmUp, warmUpTook, total, refill, plainOk.get() - plainBefore,
                streamsDone.get() - streamsBefore, rows, heapBefore, heapAfter);
        System.out.println(summary);
        String report = System.getProperty("tollgate.soak.report");
        if (report != null) {
            Files.writeString(Path.of(report), summary, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }

        assertThat(failures).as("requests that failed, hung or ended unclearly").isEmpty();
        assertThat(upstreams.drawn()).as("every fault was injected").allSatisfy((fault, count) -> assertThat(count).isPositive());
        assertThat(streamsBroken.get()).as("streams cut for the client <= streams the upstreams broke after their first event")
                .isLessThanOrEqualTo(upstreams.streamsCutAfterFirstEvent());

        Map<String, Integer> answersByUser = new java.util.HashMap<>(upstreams.completeAnswersByUser());
        assertThat(answersByUser.remove(REFILL_USER)).as("refill requests answered upstream").isEqualTo(refill);
        assertThat(answersByUser).as("client requests answered in full by more than one upstream call")
                .allSatisfy((user, answers) -> assertThat(answers).as(user).isEqualTo(1));
        assertThat(answersByUser).as("requests answered in full upstream vs served requests")
                .hasSize(plainOk.get() + streamsDone.get());

        assertThat(rows).as("ledger request rows").hasSize(total + refill);
        assertThat(rows).extracting(row -> (String) row.get("decision_id")).doesNotHaveDuplicates();
        assertThat(beforeRefill).as("ledger rows of the warm-up and the fault phase").hasSize(total)
                .extracting(row -> (String) row.get("decision_id")).containsExactlyInAnyOrderElementsOf(decisionIds);
        Map<Long, Integer> servedAttempts = new java.util.HashMap<>();
        for (Map<String, Object> attempt : gateway.query("SELECT request_id FROM attempts WHERE outcome = 'ok'")) {
            servedAttempts.merge(((Number) attempt.get("request_id")).longValue(), 1, Integer::sum);
        }
        assertThat(servedAttempts).as("requests with more than one served attempt").allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        for (Map<String, Object> row : rows) {
            String outcome = (String) row.get("outcome");
            assertThat(outcome).as(row.toString()).isIn("ok", "stream_broken");
            BigDecimal cost = new BigDecimal(String.valueOf(row.get("cost_usd")));
            if ("ok".equals(outcome)) {
                assertThat(cost).as("cost of " + row.get("decision_id")).isEqualByComparingTo(expectedCost((String) row.get("model")));
                BigDecimal seen = plainCostsByDecision.get((String) row.get("decision_id"));
                if (seen != null) {
                    assertThat(cost).as("ledger cost vs x-tollgate-cost-usd").isEqualByComparingTo(seen);
                }
            } else {
                assertThat(cost).as("a broken stream is not charged").isEqualByComparingTo(BigDecimal.ZERO);
            }
        }
        assertThat(rows.stream().filter(row -> "stream_broken".equals(row.get("outcome")))).hasSize(streamsBroken.get());
        assertThat(rows).as("some requests were served, and charged, by the paid model")
                .anySatisfy(row -> assertThat(row.get("model")).isEqualTo(CHAOS_PAID.name()));

        assertThat(heapAfter - heapBefore).as("heap growth after GC across the fault phase, bytes").isLessThan(HEAP_GROWTH_ALLOWED);
    }

    private long ledgerRows() throws java.sql.SQLException {
        return ((Number) gateway.query("SELECT COUNT(*) AS n FROM requests").get(0).get("n")).longValue();
    }

    private static BigDecimal expectedCost(String model) {
        if (CHAOS_PAID.name().equals(model)) {
            return new BigDecimal(CHAOS_PAID.inputPrice()).multiply(BigDecimal.valueOf(ChaosUpstream.PROMPT_TOKENS))
                    .add(new BigDecimal(CHAOS_PAID.outputPrice()).multiply(BigDecimal.valueOf(ChaosUpstream.COMPLETION_TOKENS)))
                    .divide(BigDecimal.valueOf(1_000_000));
        }
        return BigDecimal.ZERO;
    }

    /**
     * {@code threads} clients send requests until {@code count} are sent or {@code duration} is over; unless
     * {@code tracked}, the test keeps nothing per request but failures (all of them as user {@link #REFILL_USER}).
     */
    private void run(int count, Duration duration, String model, int threads, boolean tracked) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger budget = new AtomicInteger(count);
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < threads; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    request(model, ThreadLocalRandom.current().nextBoolean(), ThreadLocalRandom.current().nextInt(4) == 0, tracked);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get(duration.toSeconds() + CLIENT_PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
        }
        clients.shutdown();
    }

    private void request(String model, boolean stream, boolean allowPaid, boolean tracked) {
        String user = tracked ? "soak-" + sent.incrementAndGet() : REFILL_USER;
        if (!tracked) {
            refilled.incrementAndGet();
        }
        String body = """
                {"model": "%s", "stream": %s, "user": "%s", "messages": [{"role": "user", "content": "Say fine."}]}
                """.formatted(model, stream, user);
        HttpRequest request = HttpRequest.newBuilder(gateway.baseUri().resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("x-tollgate-allow-paid", String.valueOf(allowPaid))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            // The whole answer, stream included, within the client's patience: a hang fails the soak.
            response = gateway.http().sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(CLIENT_PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            failures.add(user + (stream ? " (stream)" : "") + ": no complete answer within " + CLIENT_PATIENCE + ": " + e);
            return;
        }
        slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        if (tracked) {
            response.headers().firstValue("x-tollgate-decision").ifPresent(decisionIds::add);
        }
        if (response.statusCode() != 200) {
            failures.add(user + (stream ? " (stream)" : "") + ": HTTP " + response.statusCode() + " " + response.body());
            return;
        }
        String text = response.body();
        if (!tracked) {
            if (!text.contains("fine") || stream && !text.endsWith("data: [DONE]\n\n")) {
                failures.add(user + (stream ? " (stream)" : "") + ": not a complete answer: " + text);
            }
            return;
        }
        if (!stream) {
            if (text.contains("\"choices\"") && text.contains("fine")) {
                plainOk.incrementAndGet();
                response.headers().firstValue("x-tollgate-cost-usd").ifPresent(cost -> plainCostsByDecision.put(
                        response.headers().firstValue("x-tollgate-decision").orElse(user), new BigDecimal(cost)));
            } else {
                failures.add(user + ": 200 without a completion: " + text);
            }
        } else if (text.endsWith("data: [DONE]\n\n") && !text.contains("\"error\"") && text.contains("fine")) {
            streamsDone.incrementAndGet();
        } else if (text.endsWith("\n\n") && lastEvent(text).contains("\"code\":\"stream_interrupted\"")) {
            streamsBroken.incrementAndGet();
        } else {
            failures.add(user + " (stream): neither [DONE] nor a final error event: " + text);
        }
    }

    private static String lastEvent(String sse) {
        String trimmed = sse.strip();
        int start = trimmed.lastIndexOf("data: ");
        return start < 0 ? trimmed : trimmed.substring(start);
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Bytes per class on the heap (live objects: the histogram runs a full GC first). */
    private static Map<String, Long> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        Map<String, Long> bytes = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                bytes.put(parts[3], Long.parseLong(parts[2]));
            }
        }
        return bytes;
    }

    /** The classes whose instances grew most, for the report. */
    private static String topGrowth(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder top = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> top.append(String.format("%n  %+,d bytes %s", e.getValue(), e.getKey())));
        return top.toString();
    }

    private String summary(long seed, int warmUp, Duration warmUpTook, int total, int refill, int plain, int streams,
                           List<Map<String, Object>> rows, long heapBefore, long heapAfter) {
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        rows.forEach(row -> outcomes.merge(String.valueOf(row.get("outcome")), 1L, Long::sum));
        Set<String> servedBy = new HashSet<>();
        rows.forEach(row -> servedBy.add(String.valueOf(row.get("model"))));
        return """
                Fault-injection soak (FaultInjectionSoakTest), %s
                seed %d; %d client threads; upstream timeout 1 s; hanging upstreams wait 2.5 s, stalling ones 60 s
                warm-up: %d requests to the healthy model in %d s (%d client threads; fills the gateway's decision log)
                fault phase: %d s, %d requests: %d plain answered, %d streams ended with [DONE], %d streams cut after their first byte
                refill: %d requests to the healthy model (the decision log holds warm-up decisions again)
                faults injected: %s
                upstream calls (warm-up and refill included): %d; streams the upstreams broke after their first event: %d
                slowest complete answer: %d ms
                ledger: %d request rows for %d client requests (warm-up and refill included); outcomes %s; served by %s
                heap used after GC: %.1f MiB after warm-up, %.1f MiB after the refill (growth %.1f MiB, allowed %d MiB); grew most:%s
                failures: %d%s
                """.formatted(Instant.now(), seed, CLIENTS, warmUp, warmUpTook.toSeconds(), WARM_UP_CLIENTS, faultSeconds,
                total - warmUp, plain, streams, streamsBroken.get(), refill, upstreams.drawn(), upstreams.requests(),
                upstreams.streamsCutAfterFirstEvent(), slowestMillis.get(), rows.size(), total + refill, outcomes, new java.util.TreeSet<>(servedBy),
                heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0, HEAP_GROWTH_ALLOWED / 1048576, growth,
                failures.size(), failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures.subList(0, Math.min(20, failures.size()))));
    }
}
