package dev.tollgate.engine.quota;

import dev.tollgate.engine.TestClock;
import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** 200 requests at once: no provider limit is overshot, in memory or in Redis. */
class QuotaBurstTest {
    private static final Model FLASH = Model.free("gemini/flash", 0.8);
    private static final Model LLAMA = Model.free("groq/llama", 0.7);
    // The stubs report 20 + 10 tokens; this request is estimated at no less (prompt estimate + max_tokens).
    private static final String REQUEST = """
            {"model": "auto", "max_tokens": 10, "messages": [{"role": "user", "content":
             "Write a haiku about tolls, bridges, the long road home, and the small coins that pay for each of them."}]}
            """;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final TestGateway gateway = new TestGateway().model(FLASH).model(LLAMA).clock(clock);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aBurstOf200NeverOvershootsAnyLimit(String state) throws Exception {
        if (state.equals("redis")) {
            gateway.configFile("state.yaml", """
                    state:
                      redis:
                        url: redis://127.0.0.1:6379
                        key-prefix: "burst-%s:"
                    """.formatted(UUID.randomUUID()));
        }
        gateway.configFile("quotas.yaml", """
                quotas:
                  slowdown-at: 1.0
                  providers:
                    gemini: { rpm: 50 }
                    groq:
                      models:
                        groq/llama: { rpm: 60, tpm: 1000 }
                """);
        gateway.upstreams().answers(FLASH, "flash", 20, 10);
        gateway.upstreams().answers(LLAMA, "llama", 20, 10);
        gateway.start();

        // HTTP/1.1: one connection per request, all 200 at once (HTTP/2 would cap the streams).
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            burst.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(gateway.baseUri().resolve("/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(REQUEST)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long ok = 0;
        long tooMany = 0;
        for (CompletableFuture<HttpResponse<String>> answer : burst) {
            int status = answer.get().statusCode();
            ok += status == 200 ? 1 : 0;
            tooMany += status == 429 ? 1 : 0;
        }
        assertThat(gateway.upstreams().calls(FLASH)).as("gemini rpm 50").isEqualTo(50);
        // groq/llama: 60 requests a minute, but 1000 tokens a minute at 30 tokens a call runs out first.
        int llama = gateway.upstreams().calls(LLAMA);
        assertThat(llama * 30).as("groq tokens used, tpm 1000").isLessThanOrEqualTo(1000);
        assertThat(llama).isPositive();
        assertThat(ok).isEqualTo(50 + llama);
        assertThat(tooMany).isEqualTo(200 - ok);
    }
}
