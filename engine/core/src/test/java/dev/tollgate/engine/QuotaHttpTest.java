package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Quotas and cooldowns over HTTP: what the upstreams' headers teach, and what the admin API shows. */
class QuotaHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model FLASH = Model.free("gemini/flash", 0.8);
    private static final Model LLAMA = Model.free("groq/llama", 0.7);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final TestGateway gateway = new TestGateway().model(FLASH).model(LLAMA).clock(clock);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void anAnswerSayingNoRequestsAreLeftCoolsTheModelDownUntilTheReset() throws Exception {
        gateway.upstreams().answersWithHeaders(FLASH, "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "1m30s", "x-ratelimit-remaining-tokens", "5800");
        gateway.upstreams().answers(LLAMA, "llama here", 20, 10);
        gateway.configFile("quotas.yaml", """
                quotas:
                  providers:
                    groq:
                      models:
                        groq/llama: { rpm: 30, rpd: { limit: 1000, reset: daily 00:00 America/Los_Angeles } }
                """).start();

        assertThat(servedBy(ask())).isEqualTo("gemini/flash");
        assertThat(servedBy(ask())).isEqualTo("groq/llama");
        assertThat(gateway.upstreams().calls(FLASH)).isEqualTo(1);

        JsonNode providers = JSON.readTree(gateway.get("/admin/api/providers").body());
        assertThat(providers.path("state").asText()).isEqualTo("memory");
        JsonNode gemini = providers.at("/providers/gemini");
        assertThat(gemini.path("status").asText()).isEqualTo("partly cooling down");
        assertThat(gemini.at("/cooldowns/0/scope").asText()).isEqualTo("model:gemini/flash");
        assertThat(gemini.at("/cooldowns/0/seconds_left").asLong()).isEqualTo(90);
        JsonNode groq = providers.at("/providers/groq");
        assertThat(groq.path("status").asText()).isEqualTo("ready");
        assertThat(groq.at("/quotas/0/limit").asText()).isEqualTo("rpm");
        assertThat(groq.at("/quotas/0/left").asLong()).isEqualTo(29);
        assertThat(groq.at("/quotas/1/left").asLong()).isEqualTo(999);
        assertThat(groq.at("/quotas/1/resets_at").asText()).isEqualTo("2026-11-24T08:00:00Z");

        // The dashboard shows the same state: the cooling model, and each provider's tightest quota.
        JsonNode dashboard = JSON.readTree(gateway.get("/admin/api/dashboard").body());
        JsonNode geminiRow = row(dashboard.get("providers"), "gemini");
        assertThat(geminiRow.path("status").asText()).isEqualTo("partial-cooldown");
        assertThat(geminiRow.path("cooldownScope").asText()).isEqualTo("model:gemini/flash");
        assertThat(geminiRow.path("cooldownUntil").asText()).isEqualTo("2026-11-23T10:01:30Z");
        assertThat(geminiRow.path("quotaLeft").isNull()).isTrue();
        JsonNode groqRow = row(dashboard.get("providers"), "groq");
        assertThat(groqRow.path("status").asText()).isEqualTo("healthy");
        assertThat(groqRow.at("/quotaLeft/limit").asText()).as("29 of 30 a minute is tighter than 999 of 1000 a day").isEqualTo("rpm");
        assertThat(groqRow.at("/quotaLeft/left").asLong()).isEqualTo(29);

        clock.advance(java.time.Duration.ofSeconds(91));
        assertThat(servedBy(ask())).isEqualTo("gemini/flash");
        JsonNode health = JSON.readTree(gateway.get("/health").body());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("quota_state").asText()).isEqualTo("memory");
    }

    private static JsonNode row(JsonNode providers, String name) {
        for (JsonNode provider : providers) {
            if (provider.path("name").asText().equals(name)) {
                return provider;
            }
        }
        throw new AssertionError("no provider " + name + " in " + providers);
    }

    private HttpResponse<String> ask() throws Exception {
        return gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
    }

    private static String servedBy(HttpResponse<String> answer) {
        return answer.headers().firstValue("x-tollgate-model").orElse("(none: HTTP " + answer.statusCode() + " " + answer.body() + ")");
    }
}
