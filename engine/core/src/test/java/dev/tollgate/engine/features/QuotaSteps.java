package dev.tollgate.engine.features;

import dev.tollgate.engine.TestClock;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Quotas, cooldowns and the clock they count time on. */
public class QuotaSteps {
    private final ScenarioGateway world;
    private TestClock clock;

    public QuotaSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Given("the quotas:")
    public void quotas(String yaml) {
        world.gateway.configFile("quotas.yaml", yaml);
    }

    @Given("the time is {string}")
    public void timeIs(String instant) {
        if (clock == null) {
            clock = new TestClock(Instant.parse(instant));
            world.gateway.clock(clock);
        } else {
            clock.set(Instant.parse(instant));
        }
    }

    @Given("a gateway key {string} of team {string}")
    public void keyOfTeam(String key, String team) {
        world.gateway.gatewayKey(key, "team: " + team + "\n");
    }

    @When("the coder with key {string} asks for {string} {int} times")
    public void keyAsksRepeatedly(String key, String model, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            world.ask(dev.tollgate.engine.TestGateway.chat(model, false),
                    Map.of("Authorization", "Bearer " + dev.tollgate.engine.TestGateway.gatewayKeyValue(key)));
        }
    }

    @When("{int} seconds pass")
    public void secondsPass(int seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Then("{string} was called {int} times")
    public void calledTimes(String name, int times) {
        assertThat(world.gateway.upstreams().calls(world.model(name))).as("calls to " + name).isEqualTo(times);
    }

    @Then("the ledger shows {string} skipped for {word}: {string}")
    public void ledgerShowsSkip(String model, String outcome, String reason) throws Exception {
        world.gateway.ledger(world.answers().size());
        List<Map<String, Object>> skips = world.gateway.query(
                "SELECT model, outcome, message FROM attempts WHERE outcome = '" + outcome + "' AND model = '" + model + "'");
        assertThat(skips).as("attempts skipped for " + outcome).isNotEmpty();
        assertThat(String.valueOf(skips.get(skips.size() - 1).get("message"))).contains(reason);
    }

    @Then("the coder gets a 429 with Retry-After {int}")
    public void tooManyRequests(int seconds) throws Exception {
        assertThat(world.last().statusCode()).as(world.last().body()).isEqualTo(429);
        assertThat(world.last().headers().firstValue("Retry-After")).hasValue(String.valueOf(seconds));
        assertThat(ScenarioGateway.body(world.last()).at("/error/type").asText()).isNotEmpty();
    }

    @Then("the gateway waited {int} seconds before each of the last {int} requests")
    public void waited(int seconds, int requests) {
        List<Duration> waits = clock.waits();
        assertThat(waits).hasSize(requests).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(seconds)));
    }
}
