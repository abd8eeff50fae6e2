package dev.tollgate.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy scenarios' steps: a real gateway per scenario, upstreams as HTTP stubs. */
public class PolicySteps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestGateway gateway = new TestGateway();
    private final List<Model> catalog = new ArrayList<>();
    private HttpResponse<String> response;

    @After
    public void stop() throws Exception {
        gateway.close();
    }

    @Given("a catalog of models:")
    public void catalog(DataTable table) {
        for (Map<String, String> row : table.asMaps()) {
            double quality = Double.parseDouble(row.get("quality"));
            Model model = "yes".equals(row.get("free")) ? Model.free(row.get("model"), quality)
                    : Model.paid(row.get("model"), quality, row.get("input price"), row.get("output price"));
            catalog.add(model);
            gateway.model(model);
        }
    }

    @Given("the {word} profile")
    public void profile(String profile) {
        gateway.profile(profile);
    }

    @Given("every free model is down")
    public void freeModelsDown() {
        catalog.stream().filter(Model::free).forEach(m -> gateway.upstreams().unavailable(m));
    }

    @Given("every paid model would answer")
    public void paidModelsAnswer() {
        catalog.stream().filter(m -> !m.free()).forEach(this::answers);
    }

    @Given("every free model would answer")
    public void freeModelsAnswer() {
        catalog.stream().filter(Model::free).forEach(this::answers);
    }

    @Given("every model would answer")
    public void everyModelAnswers() {
        catalog.forEach(this::answers);
    }

    @Given("{string} would answer")
    public void modelAnswers(String name) {
        answers(model(name));
    }

    @Given("{string} is rate limited for {int} seconds")
    public void rateLimited(String name, int seconds) {
        gateway.upstreams().rateLimited(model(name), seconds);
    }

    @Given("{string} rejects the request as bad: {string}")
    public void rejectsAsBad(String name, String message) {
        gateway.upstreams().fails(model(name), 400, """
                {"error": {"message": "%s", "type": "invalid_request_error", "param": "temperature", "code": "invalid_value"}}"""
                .formatted(message));
    }

    @Given("{string} answers using {long} prompt tokens and {long} completion tokens")
    public void answersWithUsage(String name, long promptTokens, long completionTokens) {
        gateway.upstreams().answers(model(name), "Tolls at the gate", promptTokens, completionTokens);
    }

    @When("a coder asks for {string}")
    public void coderAsks(String model) throws Exception {
        gateway.start();
        response = gateway.post("/v1/chat/completions", TestGateway.chat(model, false));
    }

    @Then("the coder gets an error that names the profile {word}")
    public void errorNamesProfile(String profile) throws Exception {
        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(errorMessage()).contains("profile " + profile);
    }

    @Then("the coder gets a {int} error saying {string}")
    public void errorSaying(int status, String text) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(errorMessage()).contains(text);
    }

    @Then("no paid model is called")
    public void noPaidModelCalled() {
        catalog.stream().filter(m -> !m.free())
                .forEach(m -> assertThat(gateway.upstreams().calls(m)).as("calls to " + m.name()).isZero());
    }

    @Then("no free model is called")
    public void noFreeModelCalled() {
        catalog.stream().filter(Model::free)
                .forEach(m -> assertThat(gateway.upstreams().calls(m)).as("calls to " + m.name()).isZero());
    }

    @Then("every free model was tried")
    public void everyFreeModelTried() {
        catalog.stream().filter(Model::free)
                .forEach(m -> assertThat(gateway.upstreams().calls(m)).as("calls to " + m.name()).isEqualTo(1));
    }

    @Then("the answer comes from {string}")
    public void answerFrom(String name) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tollgate-model")).hasValue(name);
        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText()).contains(model(name).upstream());
    }

    @Then("the coder gets one successful answer from {string}")
    public void oneSuccessfulAnswer(String name) throws Exception {
        answerFrom(name);
        assertThat(JSON.readTree(response.body()).get("choices")).hasSize(1);
    }

    @Then("{string} was called once")
    public void calledOnce(String name) {
        assertThat(gateway.upstreams().calls(model(name))).isEqualTo(1);
    }

    @Then("the ledger records {int} request(s) served by {string} costing {bigdecimal} USD")
    public void ledgerRecords(int count, String name, BigDecimal cost) throws Exception {
        List<Map<String, Object>> rows = gateway.ledger(count);
        assertThat(rows).hasSize(count);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("model")).isEqualTo(name);
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(new BigDecimal(row.get("cost_usd").toString())).isEqualByComparingTo(cost);
    }

    @Then("the response says it cost {string} USD")
    public void responseCost(String cost) {
        assertThat(response.headers().firstValue("x-tollgate-cost-usd")).hasValue(cost);
    }

    private void answers(Model model) {
        gateway.upstreams().answers(model, "Answer from " + model.upstream(), 20, 10);
    }

    private Model model(String name) {
        return catalog.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not in the scenario's catalog: " + name));
    }

    private String errorMessage() throws Exception {
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as("OpenAI-shaped error in " + response.body()).isNotNull();
        return error.get("message").asText();
    }
}
