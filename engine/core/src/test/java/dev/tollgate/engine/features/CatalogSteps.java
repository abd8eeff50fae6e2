package dev.tollgate.engine.features;

import dev.tollgate.engine.TestGateway.Model;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;

import java.util.Map;

/** The scenario's catalog and how its upstreams behave. */
public class CatalogSteps {
    private final ScenarioGateway world;

    public CatalogSteps(ScenarioGateway world) {
        this.world = world;
    }

    @After
    public void stop() throws Exception {
        world.gateway.close();
    }

    @Given("a catalog of models:")
    public void catalog(DataTable table) {
        for (Map<String, String> row : table.asMaps()) {
            double quality = Double.parseDouble(row.get("quality"));
            Model model = "yes".equals(row.get("free")) ? Model.free(row.get("model"), quality)
                    : Model.paid(row.get("model"), quality, row.get("input price"), row.get("output price"));
            if (row.get("context window") != null) {
                model = model.withContextWindow(Integer.parseInt(row.get("context window")));
            }
            world.add(model);
        }
    }

    @Given("the catalog also has a weak free model {string} with quality {double}")
    public void weakFreeModel(String name, double quality) {
        world.add(Model.free(name, quality));
    }

    @Given("{string} reasons best of all")
    public void reasonsBest(String name) {
        world.add(world.model(name).withReasoning(0.99));
    }

    @Given("{string} can read images")
    public void readsImages(String name) {
        world.add(world.model(name).withVision());
    }

    @Given("the {word} profile")
    public void profile(String profile) {
        world.gateway.profile(profile);
    }

    @Given("the shipped classifier")
    public void shippedClassifier() throws Exception {
        world.gateway.shippedConfigFile("classifier.yaml");
    }

    @Given("every free model is down")
    public void freeModelsDown() {
        world.catalog().stream().filter(Model::free).forEach(m -> world.gateway.upstreams().unavailable(m));
    }

    @Given("every paid model would answer")
    public void paidModelsAnswer() {
        world.catalog().stream().filter(m -> !m.free()).forEach(this::answers);
    }

    @Given("every free model would answer")
    public void freeModelsAnswer() {
        world.catalog().stream().filter(Model::free).forEach(this::answers);
    }

    @Given("every model would answer")
    public void everyModelAnswers() {
        world.catalog().forEach(this::answers);
    }

    @Given("{string} would answer")
    public void modelAnswers(String name) {
        answers(world.model(name));
    }

    @Given("{string} takes {int} ms to answer")
    public void slowModel(String name, int millis) {
        world.gateway.upstreams().answersAfter(world.model(name), millis);
    }

    @Given("{string} is rate limited for {int} seconds")
    public void rateLimited(String name, int seconds) {
        world.gateway.upstreams().rateLimited(world.model(name), seconds);
    }

    @Given("{string} rejects the request as bad: {string}")
    public void rejectsAsBad(String name, String message) {
        world.gateway.upstreams().fails(world.model(name), 400, """
                {"error": {"message": "%s", "type": "invalid_request_error", "param": "temperature", "code": "invalid_value"}}"""
                .formatted(message));
    }

    @Given("{string} answers using {long} prompt tokens and {long} completion tokens")
    public void answersWithUsage(String name, long promptTokens, long completionTokens) {
        world.gateway.upstreams().answers(world.model(name), "Tolls at the gate", promptTokens, completionTokens);
    }

    private void answers(Model model) {
        world.gateway.upstreams().answers(model, "Answer from " + model.upstream(), 20, 10);
    }
}
