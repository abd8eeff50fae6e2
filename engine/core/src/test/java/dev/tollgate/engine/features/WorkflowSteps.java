package dev.tollgate.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Workflows declared in the scenario, run through the admin API, and what their reports and the ledger say. */
public class WorkflowSteps {
    private final ScenarioGateway world;
    private final Map<String, String> workflows = new LinkedHashMap<>();
    private JsonNode report;

    public WorkflowSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Given("the workflow {string}:")
    public void workflow(String name, String yaml) {
        workflows.put(name, yaml);
        StringBuilder file = new StringBuilder("workflows:\n");
        workflows.forEach((each, body) -> file.append("  ").append(each).append(":\n").append(body.indent(4)));
        world.gateway.configFile("workflows.yaml", file.toString());
    }

    @Given("{string} answers {string} using {long} prompt tokens and {long} completion tokens")
    public void answersWith(String model, String text, long promptTokens, long completionTokens) {
        world.gateway.upstreams().answers(world.model(model), text, promptTokens, completionTokens);
    }

    /** A user rule standing in for a budget the gateway enforces: it makes one model ineligible, with a reason. */
    @Given("a rule refuses {string} because {string}")
    public void ruleRefuses(String model, String reason) throws Exception {
        world.gateway.ownRules();
        Path rules = Files.createDirectories(world.gateway.rulesDir());
        Files.writeString(rules.resolve("refuse.drl"), """
                package tollgate.rules;

                import dev.tollgate.engine.policy.Candidate;
                import dev.tollgate.engine.policy.Ineligible;

                rule "Refuse %1$s"
                when
                    $c : Candidate(model == "%1$s")
                then
                    insert(new Ineligible($c.model(), "%2$s"));
                end
                """.formatted(model, reason));
    }

    @When("the workflow {string} runs with the task {string}")
    public void runs(String name, String task) throws Exception {
        if (!world.gateway.started()) {
            world.gateway.start();
        }
        HttpResponse<String> started = world.gateway.post("/admin/api/workflows/" + name + "/runs",
                ScenarioGateway.JSON.writeValueAsString(Map.of("task", task)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = ScenarioGateway.body(started).path("report").asText();
        long until = System.currentTimeMillis() + 30_000;
        do {
            Thread.sleep(50);
            HttpResponse<String> status = world.gateway.get(location);
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            report = ScenarioGateway.body(status);
        } while ("running".equals(report.path("status").asText()) && System.currentTimeMillis() < until);
    }

    @Then("the run is {string} and its winner is {string}")
    public void statusAndWinner(String status, String winner) {
        assertThat(report.path("status").asText()).as(report.toPrettyString()).isEqualTo(status);
        assertThat(report.path("winner").asText()).as(report.toPrettyString()).isEqualTo(winner);
    }

    @Then("the run is {string} and it has no winner")
    public void statusWithoutWinner(String status) {
        assertThat(report.path("status").asText()).as(report.toPrettyString()).isEqualTo(status);
        assertThat(report.path("winner").isNull()).as(report.toPrettyString()).isTrue();
    }

    @Then("the run report says why: {string}")
    public void why(String text) {
        assertThat(report.path("why").asText()).contains(text);
    }

    @Then("worker {string} is {string}")
    public void workerStatus(String name, String status) {
        assertThat(worker(name).path("status").asText()).as(report.toPrettyString()).isEqualToIgnoringCase(status);
    }

    @Then("worker {string} is {string} because {string}")
    public void workerStatusBecause(String name, String status, String because) {
        workerStatus(name, status);
        assertThat(worker(name).path("error").asText()).contains(because);
    }

    @Then("every worker and the judge cost what the ledger records for their calls")
    public void costsMatchLedger() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        report.path("workers").forEach(calls::add);
        if (!report.path("judge").isNull()) {
            calls.add(report.path("judge"));
        }
        List<Map<String, Object>> rows = world.gateway.ledger(calls.size());
        assertThat(rows).as("one ledger row per call").hasSize(calls.size());
        for (JsonNode call : calls) {
            assertThat(call.path("decisions")).as(call.toPrettyString()).hasSize(1);
            String decision = call.path("decisions").get(0).asText();
            Map<String, Object> row = rows.stream().filter(r -> decision.equals(r.get("decision_id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no ledger row for " + call.path("name").asText()));
            BigDecimal cost = new BigDecimal(call.path("costUsd").asText());
            assertThat(cost).as(call.path("name").asText()).isPositive();
            assertThat(cost).as(call.path("name").asText()).isEqualByComparingTo(new BigDecimal(row.get("cost_usd").toString()));
            assertThat(call.path("promptTokens").asLong()).isEqualTo(((Number) row.get("prompt_tokens")).longValue());
        }
    }

    @Then("the run cost {bigdecimal} USD in all")
    public void totalCost(BigDecimal usd) {
        assertThat(new BigDecimal(report.path("totalCostUsd").asText())).isEqualByComparingTo(usd);
    }

    @Then("the task card of {string} says {string}")
    public void cardSays(String worker, String instruction) throws Exception {
        assertThat(card(worker).path("instruction").asText()).isEqualTo(instruction);
        assertThat(worker(worker).path("card").path("instruction").asText()).isEqualTo(instruction);
    }

    @Then("the task card of {string} comes from {string} and says {string}")
    public void cardFrom(String worker, String from, String instruction) throws Exception {
        JsonNode card = card(worker);
        assertThat(card.path("from").asText()).isEqualTo(from);
        assertThat(card.path("instruction").asText()).isEqualTo(instruction);
        assertThat(card.path("taskRef").asText()).isEqualTo(report.path("id").asText() + "/" + worker);
        assertThat(card.path("context").toString()).contains("previous stage " + from);
    }

    @Then("{string} was asked with {string}")
    public void askedWith(String model, String text) {
        assertThat(world.gateway.upstreams().bodies(world.model(model))).anySatisfy(body -> assertThat(body).contains(text));
    }

    private JsonNode worker(String name) {
        for (JsonNode worker : report.path("workers")) {
            if (name.equals(worker.path("name").asText())) {
                return worker;
            }
        }
        throw new AssertionError("no worker " + name + " in " + report.toPrettyString());
    }

    /** The card as stored with the run. */
    private JsonNode card(String worker) throws Exception {
        Path file = Path.of(report.path("folder").asText()).resolve("cards").resolve(worker + ".json");
        return ScenarioGateway.JSON.readTree(Files.readString(file));
    }
}
