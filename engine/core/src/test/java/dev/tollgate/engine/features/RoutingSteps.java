package dev.tollgate.engine.features;

import io.cucumber.java.en.Given;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Routes and gateway keys, written into the scenario gateway's config/ as a user would. */
public class RoutingSteps {
    private final ScenarioGateway world;

    public RoutingSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Given("every request is routed by {string} over {string}")
    public void routedBy(String strategy, String candidates) {
        world.gateway.configFile("routes.yaml", """
                routes:
                  - name: only-route
                    strategy: %s
                    candidates: [%s]
                """.formatted(strategy, candidates));
    }

    @Given("every request is routed by {string} weighing only reasoning")
    public void routedByWeights(String strategy) {
        world.gateway.configFile("routes.yaml", """
                routes:
                  - name: only-route
                    strategy: %s
                    weights: { reasoning: 1.0 }
                """.formatted(strategy));
    }

    @Given("every request is routed by an experiment with arm {string} on {string} and arm {string} on {string}")
    public void experiment(String armA, String modelA, String armB, String modelB) {
        world.gateway.configFile("routes.yaml", """
                routes:
                  - name: ab-test
                    strategy: experiment
                    arms:
                      - { name: %s, weight: 50, candidates: [%s] }
                      - { name: %s, weight: 50, candidates: [%s] }
                """.formatted(armA, modelA, armB, modelB));
    }

    @Given("only {string} and {string} may serve coding requests")
    public void codingRoute(String first, String second) throws Exception {
        world.gateway.shippedConfigFile("classifier.yaml");
        world.gateway.configFile("routes.yaml", """
                routes:
                  - name: coding
                    when: { task: [coding] }
                    strategy: capability-score
                    candidates: [%s]
                """.formatted(Arrays.stream(new String[] {first, second}).collect(Collectors.joining(", "))));
    }

    @Given("a gateway key {string} with the {word} profile")
    public void gatewayKey(String name, String profile) {
        world.gateway.gatewayKey(name, "profile: " + profile + "\n");
    }
}
