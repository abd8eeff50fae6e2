package dev.tollgate.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.TestGateway.Model;
import io.cucumber.java.en.Then;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the coder got, which upstreams were called, and what the ledger kept. */
public class OutcomeSteps {
    private final ScenarioGateway world;

    public OutcomeSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Then("the coder gets an error that names the profile {word}")
    public void errorNamesProfile(String profile) throws Exception {
        assertThat(world.last().statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(errorMessage()).contains("profile " + profile);
    }

    @Then("the coder gets a {int} error saying {string}")
    public void errorSaying(int status, String text) throws Exception {
        assertThat(world.last().statusCode()).as(world.last().body()).isEqualTo(status);
        assertThat(errorMessage()).contains(text);
    }

    @Then("no paid model is called")
    public void noPaidModelCalled() {
        world.catalog().stream().filter(m -> !m.free()).forEach(this::neverCalled);
    }

    @Then("no free model is called")
    public void noFreeModelCalled() {
        world.catalog().stream().filter(Model::free).forEach(this::neverCalled);
    }

    @Then("{string} was never called")
    public void neverCalled(String name) {
        neverCalled(world.model(name));
    }

    @Then("every free model was tried")
    public void everyFreeModelTried() {
        world.catalog().stream().filter(Model::free)
                .forEach(m -> assertThat(world.gateway.upstreams().calls(m)).as("calls to " + m.name()).isEqualTo(1));
    }

    @Then("the answer comes from {string}")
    public void answerFrom(String name) throws Exception {
        HttpResponse<String> answer = world.last();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(ScenarioGateway.servedBy(answer)).isEqualTo(name);
        assertThat(ScenarioGateway.body(answer).at("/choices/0/message/content").asText())
                .contains(world.model(name).upstream());
    }

    @Then("the coder gets one successful answer from {string}")
    public void oneSuccessfulAnswer(String name) throws Exception {
        answerFrom(name);
        assertThat(ScenarioGateway.body(world.last()).get("choices")).hasSize(1);
    }

    @Then("{string} was called once")
    public void calledOnce(String name) {
        assertThat(world.gateway.upstreams().calls(world.model(name))).isEqualTo(1);
    }

    @Then("the answers came from {string}")
    public void answersCameFrom(String names) {
        assertThat(world.answers()).extracting(ScenarioGateway::servedBy)
                .containsExactlyElementsOf(Arrays.stream(names.split(",")).map(String::strip).toList());
    }

    @Then("both arms served some sessions")
    public void bothArmsServed() {
        assertThat(world.answers()).extracting(ScenarioGateway::servedBy).doesNotContain("(none: HTTP 503)");
        assertThat(new HashSet<>(world.answers().stream().map(ScenarioGateway::servedBy).toList())).hasSize(2);
    }

    @Then("every session was served by the same model both times")
    public void sessionsKeepTheirArm() {
        List<HttpResponse<String>> answers = world.answers();
        int sessions = answers.size() / 2;
        for (int s = 0; s < sessions; s++) {
            assertThat(ScenarioGateway.servedBy(answers.get(s + sessions))).as("session " + (s + 1))
                    .isEqualTo(ScenarioGateway.servedBy(answers.get(s)));
        }
    }

    @Then("the ledger records each request's experiment arm")
    public void ledgerRecordsArms() throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(world.answers().size());
        Map<Object, Set<Object>> modelsByArm = new HashMap<>();
        for (Map<String, Object> row : rows) {
            assertThat(row.get("experiment_arm")).as("arm of " + row.get("decision_id")).isNotNull();
            modelsByArm.computeIfAbsent(row.get("experiment_arm"), a -> new HashSet<>()).add(row.get("model"));
        }
        assertThat(modelsByArm).hasSize(2).allSatisfy((arm, models) -> assertThat(models).hasSize(1));
    }

    @Then("the ledger records {int} request(s) served by {string} costing {bigdecimal} USD")
    public void ledgerRecords(int count, String name, BigDecimal cost) throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(count);
        assertThat(rows).hasSize(count);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("model")).isEqualTo(name);
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(new BigDecimal(row.get("cost_usd").toString())).isEqualByComparingTo(cost);
    }

    @Then("the ledger records why money was spent: {string}")
    public void ledgerJustification(String reason) throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(world.answers().size());
        Map<String, Object> row = rows.get(rows.size() - 1);
        assertThat(row.get("free")).isEqualTo(0);
        assertThat(String.valueOf(row.get("justification"))).contains(reason);
    }

    @Then("the response says it cost {string} USD")
    public void responseCost(String cost) {
        assertThat(world.last().headers().firstValue("x-tollgate-cost-usd")).hasValue(cost);
    }

    @Then("the request was classified as a {string} {string} task because of {string}")
    public void classifiedAs(String complexity, String task, String signal) throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(world.answers().size());
        Map<String, Object> row = rows.get(rows.size() - 1);
        assertThat(row).containsEntry("task", task).containsEntry("complexity", complexity);
        assertThat(String.valueOf(row.get("decision"))).contains(signal);
    }

    private void neverCalled(Model model) {
        assertThat(world.gateway.upstreams().calls(model)).as("calls to " + model.name()).isZero();
    }

    private String errorMessage() throws Exception {
        JsonNode error = ScenarioGateway.body(world.last()).get("error");
        assertThat(error).as("OpenAI-shaped error in " + world.last().body()).isNotNull();
        return error.get("message").asText();
    }
}
