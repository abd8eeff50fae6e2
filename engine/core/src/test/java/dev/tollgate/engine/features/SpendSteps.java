package dev.tollgate.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import dev.tollgate.engine.cli.TollgateCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.RoundingMode;

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

    @When("a coder asks {string} {int} times")
    public void asksRepeatedly(String text, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            world.ask(ScenarioGateway.chat("auto", text), Map.of());
        }
    }

    @Then("the usage report by model, from the API and from the command line, equals the sums over the ledger")
    public void reportEqualsLedger() throws Exception {
        world.gateway.ledger(world.answers().size());
        JsonNode api = usage();
        JsonNode cli = commandLineReport();
        Map<String, Object> sums = world.gateway.query("SELECT COUNT(*) AS requests, SUM(CASE WHEN free = 1 THEN 1 ELSE 0 END)"
                + " AS free_requests, SUM(cost_usd) AS spend, SUM(would_have_cost_usd) AS would, SUM(saved_usd) AS saved"
                + " FROM requests").get(0);
        for (JsonNode report : List.of(api, cli)) {
            JsonNode totals = report.get("totals");
            assertThat(totals.get("requests").asLong()).isEqualTo(((Number) sums.get("requests")).longValue())
                    .isEqualTo(world.answers().size());
            assertThat(totals.get("free_requests").asLong()).isEqualTo(((Number) sums.get("free_requests")).longValue());
            assertThat(totals.get("spend_usd").decimalValue()).isEqualByComparingTo(usd(sums.get("spend")));
            assertThat(totals.get("would_have_spent_usd").decimalValue()).isEqualByComparingTo(usd(sums.get("would")));
            assertThat(totals.get("saved_usd").decimalValue()).isEqualByComparingTo(usd(sums.get("saved")));
            for (Map<String, Object> group : world.gateway.query(
                    "SELECT model, COUNT(*) AS n, SUM(cost_usd) AS spend FROM requests GROUP BY model")) {
                JsonNode reported = group(report, String.valueOf(group.get("model")));
                assertThat(reported.get("requests").asLong()).isEqualTo(((Number) group.get("n")).longValue());
                assertThat(reported.get("spend_usd").decimalValue()).isEqualByComparingTo(usd(group.get("spend")));
            }
        }
        assertThat(cli.get("totals")).isEqualTo(api.get("totals"));
    }

    @Then("the usage report lists {int} paid requests with their justifications")
    public void paidListed(int count) throws Exception {
        JsonNode paid = usage().get("paid_requests");
        assertThat(paid).hasSize(count);
        paid.forEach(p -> assertThat(p.get("justification").asText()).isNotBlank());
        paid.forEach(p -> assertThat(p.get("trigger").asText()).isEqualTo("client_pinned"));
    }

    @Then("the free requests saved what {string} would have cost for their tokens")
    public void freeSaved(String reference) throws Exception {
        for (Map<String, Object> row : world.gateway.query("SELECT * FROM requests WHERE free = 1")) {
            assertThat(row.get("reference_model")).isEqualTo(reference);
            // 1000 prompt and 200 completion tokens at 2.50 and 10.00 USD per million.
            assertThat(usd(row.get("would_have_cost_usd"))).isEqualByComparingTo("0.0045");
            assertThat(usd(row.get("saved_usd"))).isEqualByComparingTo("0.0045");
        }
        JsonNode freeGroup = group(usage(), "free/first");
        assertThat(freeGroup.get("saved_usd").decimalValue()).isEqualByComparingTo("0.0135");
    }

    @Then("the report says no paid option is needed")
    public void noRecommendation() throws Exception {
        JsonNode recommendations = usage().get("recommendations");
        assertThat(recommendations.get("needed").asBoolean()).isFalse();
        assertThat(recommendations.get("summary").asText()).startsWith("none needed");
    }

    @Then("the report suggests a paid option for {string} with an estimated monthly cost")
    public void recommendation(String what) throws Exception {
        world.gateway.ledger(world.answers().size());
        JsonNode recommendations = usage().get("recommendations");
        assertThat(recommendations.get("needed").asBoolean()).isTrue();
        JsonNode suggestion = recommendations.get("suggestions").get(0);
        assertThat(suggestion.get("evidence").asText()).contains(world.answers().size() + " escalations").contains(what);
        assertThat(suggestion.get("estimated_monthly_cost_usd").decimalValue()).isPositive();
        assertThat(commandLineReport().get("recommendations").get("suggestions").get(0).get("evidence"))
                .isEqualTo(suggestion.get("evidence"));
    }

    private JsonNode usage() throws Exception {
        var answer = world.gateway.get("/admin/api/usage?period=month&by=model");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ScenarioGateway.JSON.readTree(answer.body());
    }

    private JsonNode commandLineReport() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TollgateCommand());
        cli.setOut(new PrintWriter(out, true));
        int status = cli.execute("report", "--json", "--period", "month", "--by", "model",
                "--home", world.gateway.home().toString(), "--env-file", world.gateway.home().resolve(".env").toString());
        assertThat(status).as(out.toString()).isZero();
        return ScenarioGateway.JSON.readTree(out.toString());
    }

    private static JsonNode group(JsonNode report, String key) {
        for (JsonNode group : report.get("groups")) {
            if (group.get("key").asText().equals(key)) {
                return group;
            }
        }
        throw new AssertionError("no group " + key + " in " + report.get("groups"));
    }

    private static BigDecimal usd(Object amount) {
        return new BigDecimal(String.valueOf(amount)).setScale(6, RoundingMode.HALF_UP);
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
