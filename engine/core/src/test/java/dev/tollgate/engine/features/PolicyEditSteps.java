package dev.tollgate.engine.features;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A user editing the running gateway's policy files. */
public class PolicyEditSteps {
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(15);

    private final ScenarioGateway world;
    private long versionBeforeEdit;

    public PolicyEditSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Given("the gateway is running")
    public void running() throws Exception {
        world.gateway.ownRules().start();
    }

    @When("the user adds the rule file {string}:")
    public void addRuleFile(String name, String drl) throws Exception {
        versionBeforeEdit = policyVersion();
        Files.writeString(world.gateway.rulesDir().resolve(name), drl);
    }

    @When("a coder asks {string} once the policy has reloaded")
    public void asksAfterReload(String text) throws Exception {
        Instant deadline = Instant.now().plus(RELOAD_WAIT);
        while (policyVersion() <= versionBeforeEdit) {
            assertThat(Instant.now()).as("the policy reloads within " + RELOAD_WAIT).isBefore(deadline);
            Thread.sleep(100);
        }
        world.ask(ScenarioGateway.chat("auto", text), Map.of());
    }

    @Then("the gateway was not restarted")
    public void notRestarted() {
        assertThat(world.gateway.starts()).isEqualTo(1);
    }

    private long policyVersion() throws Exception {
        return ScenarioGateway.body(world.gateway.get("/admin/api/policy")).path("version").asLong();
    }
}
