package dev.tollgate.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sections about money and the ledger (store, budgets, alerts, escalation, savings): read, defaulted, checked. */
class SpendSectionsTest {
    @TempDir
    Path dir;

    private ConfigDirectory config() {
        return ConfigDirectory.withProviders(dir).withOneModel();
    }

    @Test
    void theLedgerIsAnSqliteFileFlushedEverySecondUnlessStoreSaysOtherwise() throws ConfigException {
        assertThat(config().load().store()).isEqualTo(StoreSettings.defaults());
        assertThat(StoreSettings.defaults().flushIntervalMs()).isEqualTo(1000);
        StoreSettings store = config().file("store.yaml", """
                store:
                  url: jdbc:postgresql://db.internal:5432/tollgate
                  user: tollgate
                  password-env: TOLLGATE_DB_PASSWORD
                  flush-interval-ms: 250
                """).load().store();
        assertThat(store).isEqualTo(new StoreSettings("jdbc:postgresql://db.internal:5432/tollgate", "tollgate",
                "TOLLGATE_DB_PASSWORD", null, 250));
    }

    @Test
    void aStoreThatIsNeitherPostgresqlNorSqliteIsNamedAtItsPlace() {
        assertThat(config().file("store.yaml", """
                store:
                  url: jdbc:mysql://db/tollgate
                  flush-interval-ms: 0
                """).problems()).containsExactly(
                "store.yaml:2:8: 'url' must be a jdbc:postgresql: or jdbc:sqlite: URL, got \"jdbc:mysql://db/tollgate\"",
                "store.yaml:3:22: 'flush-interval-ms' must be greater than 0, got 0");
    }

    @Test
    void readsBudgetsEscalationAlertsAndSavings() throws ConfigException {
        TollgateConfig loaded = config().file("spend.yaml", """
                budgets:
                  zone: Europe/Paris
                  profiles:
                    CAREFUL: { monthly: 30, daily: 3, action: block-paid }
                  teams:
                    platform: { monthly: 200, alert-at: [80, 100], action: warn-only }
                escalation:
                  triggers: [all-free-failed, complexity]
                  free-complexity-bar: medium
                alerts:
                  endpoints: ["file:data/alerts?fileName=budget.log&fileExist=Append"]
                savings:
                  reference-model: groq/llama-3.3-70b
                """).load();
        assertThat(loaded.budgets().profiles().get("CAREFUL"))
                .isEqualTo(new BudgetLimit(new java.math.BigDecimal("3"), new java.math.BigDecimal("30"), List.of(50, 80, 100),
                        BudgetAction.BLOCK_PAID));
        assertThat(loaded.budgets().teams().get("platform").alertAt()).containsExactly(80, 100);
        assertThat(loaded.escalation().on("quality-gate")).isFalse();
        assertThat(loaded.escalation().on("complexity")).isTrue();
        assertThat(loaded.alerts().endpoints()).hasSize(1);
        assertThat(loaded.savings().referenceFor("coding", loaded)).isEqualTo("groq/llama-3.3-70b");
    }

    @Test
    void namesWhatIsWrongInTheSpendSections() {
        assertThat(config().file("spend.yaml", """
                budgets:
                  zone: Mars/Olympus
                  profiles:
                    CAREFUL: { monthly: -5, action: warn-only }
                escalation:
                  triggers: [vibes]
                savings:
                  reference-model: openai/gpt-9
                """).problems()).anySatisfy(p -> assertThat(p).startsWith("spend.yaml:2:9: 'zone' must be a time zone"))
                .anySatisfy(p -> assertThat(p).contains("'monthly' must be greater than 0"))
                .anySatisfy(p -> assertThat(p).startsWith("spend.yaml:6:14: 'triggers[0]' is not a trigger"))
                .anySatisfy(p -> assertThat(p).startsWith("spend.yaml:8:20: 'reference-model' is not a model in the catalog"));
    }
}
