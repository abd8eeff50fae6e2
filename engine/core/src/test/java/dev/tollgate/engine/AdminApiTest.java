package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The admin API: explaining decisions, and who may call it. */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model FREE = Model.free("groq/llama", 0.8);
    private static final String ADMIN_KEY = "tg-admin-5e2b7c19d4";

    private final TestGateway gateway = new TestGateway().model(FREE);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aDecisionIsExplainedByTheIdTheAnswerCarried() throws Exception {
        gateway.start();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);
        String id = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false))
                .headers().firstValue("x-tollgate-decision").orElseThrow();

        HttpResponse<String> response = gateway.get("/admin/api/decisions/" + id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode decision = JSON.readTree(response.body());
        assertThat(decision.get("id").asText()).isEqualTo(id);
        assertThat(decision.get("ranked").findValuesAsText("model")).contains(FREE.name());
    }

    @Test
    void anUnknownDecisionIsA404InTheOpenAiErrorShape() throws Exception {
        gateway.start();

        HttpResponse<String> response = gateway.get("/admin/api/decisions/dec-unknown");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("decision_not_found");
        assertThat(error.get("message").asText()).contains("dec-unknown");
    }

    @Test
    void withAnAdminKeySetTheAdminApiNeedsItAsABearerToken() throws Exception {
        gateway.env("TOLLGATE_ADMIN_KEY", ADMIN_KEY).start();

        HttpResponse<String> without = gateway.get("/admin/api/policy");
        HttpResponse<String> wrong = send("GET", "/admin/api/policy", "Bearer tg-admin-guessed");
        HttpResponse<String> reloadWithout = send("POST", "/admin/api/reload", null);
        HttpResponse<String> right = send("GET", "/admin/api/policy", "Bearer " + ADMIN_KEY);

        for (HttpResponse<String> refused : List.of(without, wrong, reloadWithout)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).at("/error/type").asText()).isEqualTo("authentication_error");
            assertThat(refused.headers().map().keySet()).doesNotContain("authorization");
            assertThat(refused.body()).doesNotContain(ADMIN_KEY, "tg-admin-guessed");
        }
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(JSON.readTree(right.body()).get("version").asLong()).isEqualTo(1);
        assertThat(right.headers().map().keySet()).doesNotContain("authorization");
    }

    @Test
    void withoutAnAdminKeyOnlyCallersOnThisMachineMayUseTheAdminApi() throws Exception {
        Optional<InetAddress> lanAddress = lanAddress();
        assumeTrue(lanAddress.isPresent(), "this machine has no network address besides loopback");
        // With a gateway key in force the gateway listens where it is asked to (without, on 127.0.0.1 only).
        gateway.gatewayKey("laptop", "profile: FREE").writeConfig();
        Gateway.Options local = gateway.options(gateway.home().resolve("config"));
        Gateway.Options everywhere = new Gateway.Options(local.home(), local.configDir(), local.rulesDir(), local.pluginsDir(),
                local.envFile(), local.port(), "0.0.0.0");
        try (Gateway open = Gateway.start(everywhere)) {
            HttpResponse<String> fromLan = gateway.http().send(HttpRequest.newBuilder(
                    URI.create("http://" + lanAddress.get().getHostAddress() + ":" + open.port() + "/admin/api/policy")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> fromLoopback = gateway.http().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + open.port() + "/admin/api/policy")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(fromLan.statusCode()).as(fromLan.body()).isEqualTo(403);
            assertThat(JSON.readTree(fromLan.body()).at("/error/message").asText()).contains("TOLLGATE_ADMIN_KEY");
            assertThat(fromLoopback.statusCode()).as(fromLoopback.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.baseUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        Optional.ofNullable(authorization).ifPresent(value -> request.header("Authorization", value));
        return gateway.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<InetAddress> lanAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
