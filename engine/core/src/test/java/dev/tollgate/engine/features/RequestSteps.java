package dev.tollgate.engine.features;

import dev.tollgate.engine.TestGateway;
import io.cucumber.java.en.When;

import java.util.List;
import java.util.Map;

/** What the coder sends. */
public class RequestSteps {
    private final ScenarioGateway world;

    public RequestSteps(ScenarioGateway world) {
        this.world = world;
    }

    @When("a coder asks for {string}")
    public void asksFor(String model) throws Exception {
        world.ask(TestGateway.chat(model, false), Map.of());
    }

    @When("a coder asks for {string} {int} times")
    public void asksForRepeatedly(String model, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            asksFor(model);
        }
    }

    @When("a coder asks for {string} and then for {string}")
    public void asksForBoth(String first, String second) throws Exception {
        asksFor(first);
        asksFor(second);
    }

    @When("a coder asks for {string} opting in to paid models")
    public void asksOptingIn(String model) throws Exception {
        world.ask(TestGateway.chat(model, false), Map.of("x-tollgate-allow-paid", "true"));
    }

    @When("a coder asks for {string} under the {word} profile")
    public void asksUnderProfile(String model, String profile) throws Exception {
        world.ask(TestGateway.chat(model, false), Map.of("x-tollgate-profile", profile));
    }

    @When("the coder with key {string} asks for {string}")
    public void keyAsks(String key, String model) throws Exception {
        world.ask(TestGateway.chat(model, false), Map.of("Authorization", "Bearer " + TestGateway.gatewayKeyValue(key)));
    }

    @When("the coder with key {string} asks for {string} under the {word} profile")
    public void keyAsksUnderProfile(String key, String model, String profile) throws Exception {
        world.ask(TestGateway.chat(model, false), Map.of("Authorization", "Bearer " + TestGateway.gatewayKeyValue(key),
                "x-tollgate-profile", profile));
    }

    @When("a coder asks {string}")
    public void asks(String text) throws Exception {
        world.ask(ScenarioGateway.chat("auto", text), Map.of());
    }

    @When("a coder asks {string} with the task header {string}")
    public void asksWithTask(String text, String task) throws Exception {
        world.ask(ScenarioGateway.chat("auto", text), Map.of("x-tollgate-task", task));
    }

    @When("a coder sends an image asking {string}")
    public void sendsImage(String text) throws Exception {
        world.ask(ScenarioGateway.JSON.writeValueAsString(Map.of("model", "auto", "messages", List.of(Map.of("role", "user",
                "content", List.of(Map.of("type", "text", "text", text),
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo="))))))),
                Map.of());
    }

    @When("a coder sends a prompt of about {int} tokens")
    public void sendsLongPrompt(int tokens) throws Exception {
        world.ask(ScenarioGateway.chat("auto", "word ".repeat(tokens * 4 / 5)), Map.of());
    }

    @When("{int} sessions each ask twice")
    public void sessionsAskTwice(int sessions) throws Exception {
        for (int round = 0; round < 2; round++) {
            for (int s = 1; s <= sessions; s++) {
                world.ask(TestGateway.chat("auto", false), Map.of("x-tollgate-session", "session-" + s));
            }
        }
    }
}
