package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsNumbersAsRollingLimitsAndMappingsWithTheirReset() throws Exception {
        TollgateConfig config = ConfigDirectory.withProviders(dir).withOneModel().file("quotas.yaml", """
                quotas:
                  slowdown-at: 0.8
                  providers:
                    groq:
                      rpm: 30
                      credit-usd: 5.25
                      models:
                        groq/llama-3.3-70b: { tpm: 12000, rpd: { limit: 1000, reset: daily 00:00 America/Los_Angeles } }
                """).load();
        QuotaLimits groq = config.quotas().providers().get("groq");
        assertThat(groq.rpm()).isEqualTo(new QuotaLimit(30, ResetSchedule.ROLLING));
        assertThat(groq.creditUsd()).isEqualByComparingTo("5.25");
        QuotaLimits llama = groq.models().get("groq/llama-3.3-70b");
        assertThat(llama.tpm().limit()).isEqualTo(12000);
        assertThat(llama.rpd()).isEqualTo(new QuotaLimit(1000,
                new ResetSchedule(LocalTime.MIDNIGHT, ZoneId.of("America/Los_Angeles"))));
        assertThat(config.quotas().slowdownAt()).isEqualTo(0.8);
    }

    @Test
    void theShippedQuotasLoadWithTheShippedCatalog() throws Exception {
        Path repo = Path.of(System.getProperty("tollgate.repo"));
        for (String file : new String[] {"providers.yaml", "models.yaml", "quotas.yaml", "gateway.yaml"}) {
            Files.copy(repo.resolve("config").resolve(file), dir.resolve(file));
        }
        TollgateConfig config = ConfigLoader.load(dir);
        assertThat(config.quotas().providers()).containsKeys("google", "openrouter", "groq");
        assertThat(config.quotas().providers().get("google").models().get("google/gemini-2.5-flash").rpd().reset())
                .hasToString("daily 00:00 America/Los_Angeles");
    }

    @Test
    void reportsAnUnknownModelAtItsPlace() {
        assertThatThrownBy(() -> ConfigDirectory.withProviders(dir).withOneModel().file("quotas.yaml", """
                quotas:
                  providers:
                    groq:
                      models:
                        groq/typo: { rpm: 3 }
                """).load()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quotas.yaml:5:9: unknown model 'groq/typo' (not in the catalog)");
    }

    @Test
    void reportsABadResetAtItsPlace() {
        assertThatThrownBy(() -> ConfigDirectory.withProviders(dir).withOneModel().file("quotas.yaml", """
                quotas:
                  providers:
                    openrouter:
                      rpd: { limit: 50, reset: weekly }
                """).load()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("quotas.yaml:4:12: 'rpd' must be 'rolling' or 'daily HH:MM Zone'");
    }

    @Test
    void aCalendarWindowFollowsItsZoneAcrossDaylightSaving() {
        ResetSchedule pacific = ResetSchedule.parse("daily 00:00 America/Los_Angeles");
        // 2026-11-01 is the day clocks fall back in Los Angeles: a 25-hour day.
        Instant lateThatDay = Instant.parse("2026-11-02T07:30:00Z");
        assertThat(pacific.windowStart(lateThatDay)).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
        assertThat(pacific.nextReset(lateThatDay)).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
    }
}
