package dev.tollgate.engine.features;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets, escalations, alerts and reports: what the user set, and what the ledger kept. */
public class SpendSteps {
    private final ScenarioGateway world;

    public SpendSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Given("a {word} budget of {bigdecimal} USD for the {word} profile with action {word}")
    public void profileBudget(String period, BigDecimal limit, String profile, String action) {
        world.gateway.configFile("budgets.yaml", """
                budgets:
                  zone: UTC
                  profiles:
                    %s: { %s: %s, action: %s }
                """.formatted(profile, period, limit.toPlainString(), action));
    }

    @Given("{string} answers with an empty message")
    public void answersEmpty(String name) {
        world.gateway.upstreams().answers(world.model(name), "", 20, 0);
    }

    @Given("free models are trusted with {string} tasks at most")
    public void complexityBar(String bar) {
        world.gateway.configFile("escalation.yaml", "escalation:\n  free-complexity-bar: " + bar + "\n");
    }

    @Then("the ledger records an escalation with trigger {string} naming {string} and {string}")
    public void ledgerEscalation(String trigger, String first, String second) throws Exception {
        Map<String, Object> row = lastRow();
        assertThat(row.get("escalation_trigger")).isEqualTo(trigger);
        assertThat(((Number) row.get("escalation_denied")).intValue()).isZero();
        String justification = String.valueOf(row.get("escalation"));
        assertThat(justification).contains("\"trigger\":\"" + trigger + "\"").contains(first).contains(second)
                .contains("\"rules_fired\"").contains("\"estimated_extra_cost_usd\"");
    }

    @Then("the ledger records a denied escalation with trigger {string}")
    public void ledgerDeniedEscalation(String trigger) throws Exception {
        Map<String, Object> row = lastRow();
        assertThat(row.get("escalation_trigger")).isEqualTo(trigger);
        assertThat(((Number) row.get("escalation_denied")).intValue()).isEqualTo(1);
        assertThat(String.valueOf(row.get("escalation"))).contains("x-tollgate-allow-paid");
    }

    private Map<String, Object> lastRow() throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(world.answers().size());
        assertThat(rows).hasSize(world.answers().size());
        return rows.get(rows.size() - 1);
    }

    @Then("the ledger records that a budget sent the last request to a free model: {string}")
    public void ledgerBudget(String note) throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(world.answers().size());
        Map<String, Object> row = rows.get(rows.size() - 1);
        assertThat(row.get("free")).isEqualTo(1);
        assertThat(String.valueOf(row.get("budget"))).contains(note);
    }
}
