package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's page and its admin API: who may see them, what they report, and config changes through the overlay. */
class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "tg-admin-9b3e5d7a1c";
    private static final Model FIRST = Model.free("first/llama", 0.9);
    private static final Model SECOND = Model.free("second/qwen", 0.8);
    private static final Model PAID = Model.paid("paid/gpt", 0.95, "2.00", "8.00");

    private final TestGateway gateway = new TestGateway().model(FIRST).model(SECOND).model(PAID);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void withAnAdminKeyEveryAdminPageAndApiRefusesWithoutItAndNoneShowsAProviderKey() throws Exception {
        gateway.env("TOLLGATE_ADMIN_KEY", ADMIN_KEY).start();
        gateway.upstreams().answers(FIRST, "Hi", 10, 5);
        gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        gateway.ledger(1);

        for (String path : List.of("/admin/api/dashboard", "/admin/api/config", "/admin/api/policy")) {
            HttpResponse<String> refused = send("GET", path, null, Map.of());
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, Map.of("Authorization", "Bearer wrong-key")).statusCode()).as(path).isEqualTo(401);
            assertThat(send("GET", path, null, Map.of("Cookie", "tollgate_admin=forged")).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> change = send("POST", "/admin/api/config",
                "{\"path\": [\"providers\", \"first\", \"enabled\"], \"value\": false}", Map.of());
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(Files.exists(gateway.home().resolve("config/overlay.yaml"))).isFalse();
        HttpResponse<String> page = send("GET", "/dashboard", null, Map.of());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
        assertThat(send("GET", "/dashboard/dashboard.js", null, Map.of()).statusCode()).isEqualTo(303);

        HttpResponse<String> wrongLogin = send("POST", "/login", "key=guess", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(wrongLogin.statusCode()).isEqualTo(401);
        assertThat(wrongLogin.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> login = send("POST", "/login", "key=" + ADMIN_KEY, Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict").doesNotContain(ADMIN_KEY);
        Map<String, String> session = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));

        List<String> seen = new java.util.ArrayList<>();
        for (String path : List.of("/dashboard", "/dashboard/dashboard.js", "/dashboard/dashboard.css", "/login",
                "/admin/api/dashboard", "/admin/api/config", "/admin/api/policy", "/health", "/metrics", "/v1/models")) {
            HttpResponse<String> response = send("GET", path, null, session);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.add(response.body() + response.headers().map());
        }
        assertThat(send("GET", "/admin/api/dashboard", null, Map.of("Authorization", "Bearer " + ADMIN_KEY)).statusCode())
                .isEqualTo(200);
        for (String body : seen) {
            for (Model model : List.of(FIRST, SECOND, PAID)) {
                assertThat(body).doesNotContain(TestGateway.keyOf(model.provider()));
            }
            assertThat(body).doesNotContain(ADMIN_KEY);
        }
    }

    @Test
    void theAdminKeyMayBeGivenAsItsSha256Hash() throws Exception {
        gateway.env("TOLLGATE_ADMIN_KEY", dev.tollgate.engine.config.KeyHash.of(ADMIN_KEY)).start();

        assertThat(send("GET", "/admin/api/config", null, Map.of("Authorization", "Bearer " + ADMIN_KEY)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/admin/api/config", null,
                Map.of("Authorization", "Bearer " + dev.tollgate.engine.config.KeyHash.of(ADMIN_KEY))).statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardReportAddsUpTheLedger() throws Exception {
        gateway.start();
        gateway.upstreams().unavailable(FIRST);
        gateway.upstreams().answers(SECOND, "Hi", 10, 5);
        gateway.upstreams().answers(PAID, "Hello", 1_000_000, 250_000);
        gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        gateway.post("/v1/chat/completions", TestGateway.chat(PAID.name(), false), Map.of("x-tollgate-allow-paid", "true"));
        List<Map<String, Object>> rows = gateway.ledger(3);

        JsonNode report = JSON.readTree(send("GET", "/admin/api/dashboard?window=hour", null, Map.of()).body());

        assertThat(report.at("/totals/requests").asLong()).isEqualTo(rows.size()).isEqualTo(3);
        assertThat(report.at("/totals/fell_back").asLong()).isEqualTo(2);
        assertThat(report.at("/totals/successRate").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/totals/fallbackRate").asDouble()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        // The paid request, let through FREE by its x-tollgate-allow-paid header, is the one escalation.
        assertThat(rows).filteredOn(r -> r.get("escalation_trigger") != null).extracting(r -> r.get("model"))
                .containsExactly(PAID.name());
        assertThat(report.at("/totals/escalated").asLong()).isEqualTo(1);
        assertThat(report.at("/totals/escalationRate").asDouble()).isEqualTo(1.0 / 3);
        double ledgerCost = rows.stream().mapToDouble(r -> ((Number) r.get("cost_usd")).doubleValue()).sum();
        assertThat(ledgerCost).isEqualTo(4.0);
        assertThat(report.at("/spend/spentUsd").asDouble()).isEqualTo(ledgerCost);
        assertThat(report.at("/spend/projectedUsd").asDouble()).isGreaterThanOrEqualTo(ledgerCost);
        long seriesRequests = 0;
        double seriesCost = 0;
        for (JsonNode point : report.get("series")) {
            seriesRequests += point.get("requests").asLong();
            seriesCost += point.get("cost_usd").asDouble();
            assertThat(point.get("coder").asText()).isEqualTo("unknown");
        }
        assertThat(seriesRequests).isEqualTo(3);
        assertThat(seriesCost).isEqualTo(ledgerCost);
        assertThat(report.get("freeTier").findValuesAsText("provider")).containsExactly("second");
        assertThat(report.get("recent")).hasSize(3);
        assertThat(report.at("/recent/0/model").asText()).isEqualTo(PAID.name());
        assertThat(report.at("/recent/0/justification").asText()).isNotBlank();
        assertThat(report.at("/recent/1/decision").asText()).contains(FIRST.name(), SECOND.name());
        assertThat(report.get("providers").findValuesAsText("status")).containsOnly("healthy");
        assertThat(report.get("providers").findValues("quotaLeft")).allSatisfy(quota -> assertThat(quota.isNull()).isTrue());
        assertThat(report.at("/spend/budgetUsd").isNull()).as("no monthly budget is configured").isTrue();
    }

    @Test
    void disablingAProviderGoesThroughTheOverlayFileAndTheNextRequestAvoidsIt() throws Exception {
        gateway.start();
        gateway.upstreams().answers(FIRST, "from first", 10, 5);
        gateway.upstreams().answers(SECOND, "from second", 10, 5);
        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).headers()
                .firstValue("x-tollgate-provider")).hasValue("first");

        HttpResponse<String> change = send("POST", "/admin/api/config",
                "{\"path\": [\"providers\", \"first\", \"enabled\"], \"value\": false}", Map.of());

        assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
        assertThat(JSON.readTree(change.body()).get("applied").asBoolean()).isTrue();
        Path overlay = gateway.home().resolve("config/overlay.yaml");
        assertThat(Files.readString(overlay)).contains("overlay:", "providers:", "first:", "enabled: false");
        HttpResponse<String> next = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        assertThat(next.headers().firstValue("x-tollgate-provider")).hasValue("second");
        assertThat(gateway.upstreams().calls(FIRST)).isEqualTo(1);
        JsonNode report = JSON.readTree(send("GET", "/admin/api/dashboard", null, Map.of()).body());
        assertThat(report.at("/providers/0/status").asText()).isEqualTo("disabled");
        String decision = next.headers().firstValue("x-tollgate-decision").orElseThrow();
        assertThat(send("GET", "/admin/api/decisions/" + decision, null, Map.of()).body()).contains("disabled");
    }

    @Test
    void aChangeThePolicyRefusesIsTakenBackAndTheOldPolicyKeepsServing() throws Exception {
        gateway.start();
        send("POST", "/admin/api/config", "{\"path\": [\"providers\", \"second\", \"enabled\"], \"value\": false}", Map.of());
        Path overlay = gateway.home().resolve("config/overlay.yaml");
        String before = Files.readString(overlay);

        HttpResponse<String> refused = send("POST", "/admin/api/config",
                "{\"path\": [\"gateway\", \"upstream-timeout-seconds\"], \"value\": \"soon\"}", Map.of());

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("applied").asBoolean()).isFalse();
        assertThat(body.get("problems").get(0).asText()).contains("overlay.yaml:8:", "upstream-timeout-seconds");
        assertThat(Files.readString(overlay)).isEqualTo(before);
        JsonNode config = JSON.readTree(send("GET", "/admin/api/config", null, Map.of()).body());
        assertThat(config.at("/providers/1/name").asText()).isEqualTo("second");
        assertThat(config.at("/providers/1/enabled").asBoolean()).isFalse();
        gateway.upstreams().answers(FIRST, "still served", 10, 5);
        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void reorderingARoutesCandidatesChangesWhoIsTriedFirst() throws Exception {
        gateway.configFile("routes.yaml", """
                routes:
                  - name: everything
                    strategy: priority
                    candidates: [first/llama, second/qwen]
                """).start();
        gateway.upstreams().answers(FIRST, "from first", 10, 5);
        gateway.upstreams().answers(SECOND, "from second", 10, 5);

        HttpResponse<String> change = send("POST", "/admin/api/config",
                "{\"path\": [\"routes\", \"everything\", \"candidates\"], \"value\": [\"second/qwen\", \"first/llama\"]}", Map.of());

        assertThat(change.statusCode()).as(change.body()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).headers()
                .firstValue("x-tollgate-provider")).hasValue("second");
        JsonNode config = JSON.readTree(send("GET", "/admin/api/config", null, Map.of()).body());
        assertThat(config.at("/routes/0/candidates").toString()).isEqualTo("[\"second/qwen\",\"first/llama\"]");
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.baseUri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return gateway.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
