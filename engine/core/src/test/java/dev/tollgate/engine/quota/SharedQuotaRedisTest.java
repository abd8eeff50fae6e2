package dev.tollgate.engine.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestClock;
import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas shared through the real Redis on 127.0.0.1:6379 (.ci/run starts it when it is down):
 * two gateways see one limit; an outage leaves the gateway serving on local counters.
 */
class SharedQuotaRedisTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REDIS_PORT = 6379;
    private static final Model FLASH = Model.free("gemini/flash", 0.8);

    // Both instances count on the same frozen clock, so that no token comes back during the test.
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final String prefix = "test-" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable each : open) {
            each.close();
        }
    }

    private TestGateway gateway(int redisPort, String quotas) throws Exception {
        TestGateway gateway = new TestGateway().model(FLASH).clock(clock)
                .configFile("state.yaml", """
                        state:
                          redis:
                            url: redis://127.0.0.1:%d
                            timeout-millis: 300
                            retry-seconds: 1
                            key-prefix: "%s"
                        """.formatted(redisPort, prefix))
                .configFile("quotas.yaml", quotas);
        open.add(0, gateway);
        gateway.upstreams().answers(FLASH, "shared", 20, 10);
        return gateway.start();
    }

    @Test
    void twoInstancesSharingRedisMakeExactlyTheLimitsCallsOutOfThreeTimesAsManyRequests() throws Exception {
        int limit = 10;
        String quotas = """
                quotas:
                  providers:
                    gemini: { rpm: %d }
                """.formatted(limit);
        TestGateway first = gateway(REDIS_PORT, quotas);
        TestGateway second = gateway(REDIS_PORT, quotas);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 3 * limit; i++) {
            TestGateway to = i % 2 == 0 ? first : second;
            answers.add(clients.submit(() -> to.post("/v1/chat/completions", TestGateway.chat("auto", false))));
        }
        int ok = 0;
        int tooMany = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            int status = answer.get().statusCode();
            ok += status == 200 ? 1 : 0;
            tooMany += status == 429 ? 1 : 0;
        }
        clients.shutdown();
        int upstreamCalls = first.upstreams().calls(FLASH) + second.upstreams().calls(FLASH);
        assertThat(upstreamCalls).isEqualTo(limit);
        assertThat(ok).isEqualTo(limit);
        assertThat(tooMany).isEqualTo(2 * limit);
        assertThat(first.upstreams().calls(FLASH)).as("both instances served some").isPositive();
        assertThat(second.upstreams().calls(FLASH)).isPositive();
        assertThat(JSON.readTree(first.get("/admin/api/providers").body()).at("/state").asText()).isEqualTo("redis");
    }

    @Test
    void whenRedisGoesAwayRequestsKeepSucceedingHealthSaysDegradedAndItResyncsWhenBack() throws Exception {
        try (TcpProxy redis = new TcpProxy(REDIS_PORT)) {
            TestGateway gateway = gateway(redis.port(), """
                    quotas:
                      providers:
                        gemini: { rpm: 100 }
                    """);
            for (int i = 0; i < 3; i++) {
                assertThat(ask(gateway).statusCode()).isEqualTo(200);
            }
            assertThat(health(gateway).path("status").asText()).isEqualTo("ok");

            redis.cut();
            for (int i = 0; i < 4; i++) {
                assertThat(ask(gateway).statusCode()).as("served while Redis is away").isEqualTo(200);
            }
            JsonNode degraded = health(gateway);
            assertThat(degraded.path("status").asText()).isEqualTo("degraded");
            assertThat(degraded.path("quota_state").asText()).startsWith("degraded: Redis unreachable");

            redis.start();
            JsonNode back = null;
            for (int i = 0; i < 50; i++) {
                Thread.sleep(200);
                assertThat(ask(gateway).statusCode()).isEqualTo(200);
                back = health(gateway);
                if (back.path("status").asText().equals("ok")) {
                    break;
                }
            }
            assertThat(back.path("quota_state").asText()).isEqualTo("redis");
            long requests = gateway.upstreams().calls(FLASH);
            JsonNode rpm = JSON.readTree(gateway.get("/admin/api/providers").body()).at("/providers/gemini/quotas/0");
            assertThat(rpm.path("left").asLong()).as("Redis counts what was spent during the outage too")
                    .isEqualTo(100 - requests);
        }
    }

    private static HttpResponse<String> ask(TestGateway gateway) throws Exception {
        return gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
    }

    private static JsonNode health(TestGateway gateway) throws Exception {
        return JSON.readTree(gateway.get("/health").body());
    }
}
