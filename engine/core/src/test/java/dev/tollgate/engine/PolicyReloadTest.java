package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Policy files edited while the gateway runs: valid edits take effect, broken ones are rejected and reported. */
class PolicyReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);
    private static final Model ALPHA = Model.free("groq/alpha", 0.9);
    private static final Model BETA = Model.free("groq/beta", 0.5);
    private static final Model GAMMA = Model.free("groq/gamma", 0.5);

    private final TestGateway gateway = new TestGateway().model(ALPHA).model(BETA);

    @BeforeEach
    void answerEverywhere() {
        for (Model model : List.of(ALPHA, BETA, GAMMA)) {
            gateway.upstreams().answers(model, "Answer from " + model.name(), 20, 10);
        }
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void editingAModelFileChangesRoutingWithoutARestart() throws Exception {
        gateway.start();
        assertThat(servedBy(ask())).isEqualTo(ALPHA.name());

        TestGateway.save(modelsFile(), catalog(BETA, ALPHA));

        Instant deadline = Instant.now().plus(RELOAD_WAIT);
        HttpResponse<String> answer = ask();
        while (!servedBy(answer).equals(BETA.name())) {
            assertThat(Instant.now()).as("the edit takes effect within " + RELOAD_WAIT).isBefore(deadline);
            Thread.sleep(100);
            answer = ask();
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(policy().get("version").asLong()).isEqualTo(2);
        assertThat(policy().at("/lastReload/ok").asBoolean()).isTrue();
        assertThat(gateway.starts()).isEqualTo(1);
    }

    @Test
    void aBrokenEditIsRejectedWithFileLineAndColumnAndTheOldPolicyKeepsServing() throws Exception {
        gateway.ownRules().start();
        String goodModels = Files.readString(modelsFile());

        TestGateway.save(modelsFile(), goodModels + "  groq/gamma: {provider: groq, quality: [0.9\n");

        JsonNode yamlRejected = awaitPolicy(status -> problems(status).stream().anyMatch(p -> p.contains("models.yaml")));
        assertThat(problems(yamlRejected)).allSatisfy(p -> assertThat(p).matches(".*config/models\\.yaml:\\d+:\\d+: .+"));
        assertThat(yamlRejected.at("/lastReload/ok").asBoolean()).isFalse();
        assertThat(yamlRejected.get("version").asLong()).as("the old policy is still in force").isEqualTo(1);
        assertRejectedByForcedReload("models.yaml");
        assertThat(servedBy(ask())).isEqualTo(ALPHA.name());

        TestGateway.save(gateway.rulesDir().resolve("broken.drl"), """
                package tollgate.rules;

                import dev.tollgate.engine.policy.Candidate;

                rule "half-written"
                when
                    Candidate( free == )
                then
                end
                """);
        TestGateway.save(modelsFile(), goodModels);

        JsonNode drlRejected = awaitPolicy(status -> problems(status).stream().anyMatch(p -> p.contains("broken.drl")));
        assertThat(problems(drlRejected)).allSatisfy(p -> assertThat(p).matches(".*rules/broken\\.drl:7:\\d+: .+"));
        assertThat(drlRejected.get("version").asLong()).isEqualTo(1);
        assertRejectedByForcedReload("broken.drl");
        assertThat(servedBy(ask())).isEqualTo(ALPHA.name());

        Files.delete(gateway.rulesDir().resolve("broken.drl"));

        JsonNode repaired = awaitPolicy(status -> status.at("/lastReload/ok").asBoolean());
        assertThat(repaired.get("version").asLong()).isEqualTo(2);
        assertThat(problems(repaired)).isEmpty();
    }

    /**
     * Clients keep asking while the catalog is edited three times: alpha first, then beta, then a
     * broken edit (beta keeps serving), then gamma. Every answer is a 200, and every decision ranks
     * exactly the catalog of one policy version, never a mixture.
     */
    @Test
    void underContinuousLoadValidEditsSwitchRoutingAndABrokenEditIsRejectedWithoutAFailedRequest() throws Exception {
        gateway.start();
        Map<String, List<String>> rankingOfEachVersion = Map.of(
                ALPHA.name(), List.of(ALPHA.name(), BETA.name()),
                BETA.name(), List.of(BETA.name(), GAMMA.name()),
                GAMMA.name(), List.of(GAMMA.name(), ALPHA.name()));
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(clients.submit(() -> {
                while (sending.get()) {
                    long sentAt = System.nanoTime();
                    try {
                        HttpResponse<String> response = ask();
                        answers.add(new Answer(sentAt, response.statusCode(), servedBy(response),
                                response.headers().firstValue("x-tollgate-decision").orElse(null)));
                    } catch (Exception e) {
                        answers.add(new Answer(sentAt, -1, e.toString(), null));
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(1000);
            long betaSaved = System.nanoTime();
            TestGateway.save(modelsFile(), catalog(BETA, GAMMA));
            awaitPolicy(status -> status.get("version").asLong() == 2);
            long betaInForce = System.nanoTime();
            Thread.sleep(1000);

            // Half an edit: the first entry's closing brace is missing.
            TestGateway.save(modelsFile(), catalog(BETA, GAMMA).replaceFirst("0}}", "0}"));
            awaitPolicy(status -> !problems(status).isEmpty());
            Thread.sleep(1000);

            long gammaSaved = System.nanoTime();
            TestGateway.save(modelsFile(), catalog(GAMMA, ALPHA));
            awaitPolicy(status -> status.get("version").asLong() == 3);
            long gammaInForce = System.nanoTime();
            Thread.sleep(1000);
            sending.set(false);
            for (Future<?> client : running) {
                client.get();
            }

            List<Answer> all = List.copyOf(answers);
            System.out.printf("reload under load: %d requests, %d failed%n", all.size(),
                    all.stream().filter(a -> a.status() != 200).count());
            assertThat(all).hasSizeGreaterThan(100);
            assertThat(all).filteredOn(a -> a.status() != 200).isEmpty();
            assertThat(all).extracting(Answer::model).containsOnly(ALPHA.name(), BETA.name(), GAMMA.name());
            assertThat(all).filteredOn(a -> a.sentAt() < betaSaved).extracting(Answer::model).containsOnly(ALPHA.name());
            assertThat(all).filteredOn(a -> a.sentAt() > betaInForce && a.sentAt() < gammaSaved).extracting(Answer::model)
                    .as("beta serves from its edit, through the broken one, until gamma's").containsOnly(BETA.name());
            assertThat(all).filteredOn(a -> a.sentAt() > gammaInForce).extracting(Answer::model).containsOnly(GAMMA.name());
            for (Answer answer : all) {
                assertThat(rankedModels(answer.decision())).as("decision " + answer.decision())
                        .isEqualTo(rankingOfEachVersion.get(answer.model()));
            }
        } finally {
            sending.set(false);
            clients.shutdownNow();
        }
    }

    private record Answer(long sentAt, int status, String model, String decision) {
    }

    /** A models.yaml where {@code best} ranks first and {@code second} after it. */
    private static String catalog(Model best, Model second) {
        return """
                models:
                  %s: {provider: %s, upstream: %s, context-window: 128000, free: true, quality: 0.9, price: {input: 0, output: 0}}
                  %s: {provider: %s, upstream: %s, context-window: 128000, free: true, quality: 0.5, price: {input: 0, output: 0}}
                """.formatted(best.name(), best.provider(), best.upstream(), second.name(), second.provider(), second.upstream());
    }

    private Path modelsFile() {
        return gateway.home().resolve("config/models.yaml");
    }

    private HttpResponse<String> ask() throws Exception {
        return gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
    }

    private static String servedBy(HttpResponse<String> response) {
        return response.headers().firstValue("x-tollgate-model").orElse("status " + response.statusCode());
    }

    private JsonNode policy() throws Exception {
        HttpResponse<String> response = gateway.get("/admin/api/policy");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode awaitPolicy(Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(RELOAD_WAIT);
        JsonNode status = policy();
        while (!condition.test(status)) {
            if (Instant.now().isAfter(deadline)) {
                fail("the policy did not reload as expected within " + RELOAD_WAIT + "; last status: " + status);
            }
            Thread.sleep(50);
            status = policy();
        }
        return status;
    }

    private static List<String> problems(JsonNode status) {
        List<String> problems = new ArrayList<>();
        status.at("/lastReload/problems").forEach(p -> problems.add(p.asText()));
        return problems;
    }

    private void assertRejectedByForcedReload(String brokenFile) throws Exception {
        HttpResponse<String> response = gateway.http().send(HttpRequest.newBuilder(gateway.baseUri().resolve("/admin/api/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_policy");
        assertThat(error.get("message").asText()).contains(brokenFile, "v1 keeps serving");
        List<String> problems = new ArrayList<>();
        error.get("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p).containsPattern(brokenFile.replace(".", "\\.") + ":\\d+:\\d+: "));
    }

    private List<String> rankedModels(String decision) throws Exception {
        HttpResponse<String> response = gateway.get("/admin/api/decisions/" + decision);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("ranked").findValuesAsText("model").stream().collect(Collectors.toList());
    }
}
