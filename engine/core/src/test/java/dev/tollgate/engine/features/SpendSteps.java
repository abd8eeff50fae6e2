package dev.tollgate.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Given("a monthly budget of {bigdecimal} USD for the {word} profile alerting at 50, 80 and 100 percent to a file, action {word}")
    public void alertingBudget(BigDecimal limit, String profile, String action) {
        world.gateway.configFile("budgets.yaml", """
                budgets:
                  zone: UTC
                  profiles:
                    %s: { monthly: %s, alert-at: [50, 80, 100], action: %s }
                """.formatted(profile, limit.toPlainString(), action));
        world.gateway.configFile("alerts.yaml", """
                alerts:
                  endpoints:
                    - "log:tollgate.budget"
                    - "file:%s?fileName=budget.log&fileExist=Append"
                """.formatted(alertFile().getParent()));
    }

    @Then("the alert file holds one alert for each of 50, 80 and 100 percent")
    public void oneAlertPerThreshold() throws Exception {
        List<JsonNode> alerts = alerts(3);
        assertThat(alerts).extracting(a -> a.get("threshold_percent").asInt()).containsExactly(50, 80, 100);
        // No more arrive later: the last requests crossed no new threshold.
        Thread.sleep(500);
        assertThat(alerts(3)).hasSize(3);
    }

    @Then("each alert names the spend, the budget of {bigdecimal} USD, the top model {string} and a month-end projection")
    public void alertContents(BigDecimal budget, String model) throws Exception {
        for (JsonNode alert : alerts(3)) {
            assertThat(alert.get("budget_usd").decimalValue()).isEqualByComparingTo(budget);
            assertThat(alert.get("spend_usd").decimalValue()).isGreaterThanOrEqualTo(
                    budget.multiply(BigDecimal.valueOf(alert.get("threshold_percent").asInt())).movePointLeft(2));
            assertThat(alert.get("top_models").get(0).get("model").asText()).isEqualTo(model);
            assertThat(alert.get("projected_month_end_usd").decimalValue()).isGreaterThanOrEqualTo(alert.get("spend_usd").decimalValue());
            assertThat(alert.get("scope").asText()).isEqualTo("profile UNLIMITED");
        }
    }

    private Path alertFile() {
        return world.gateway.home().resolve("alerts").resolve("budget.log");
    }

    /** The alerts in the file, once at least {@code expected} have arrived (they are sent off the request path). */
    private List<JsonNode> alerts(int expected) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            alerts.clear();
            if (Files.exists(alertFile())) {
                for (String line : Files.readAllLines(alertFile())) {
                    if (!line.isBlank()) {
                        alerts.add(ScenarioGateway.JSON.readTree(line));
                    }
                }
            }
            if (alerts.size() >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return alerts;
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
