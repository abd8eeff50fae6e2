package dev.tollgate.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.http.TollgateHeaders;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks Tollgate's own {@code /v1/chat/completions}, as any client would: model workers and judges are routed, held
 * to the budget profile and written to the ledger like every other request.
 */
final class GatewayClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer.
     *
     * @param status   the HTTP status
     * @param text     the answer's text, or the error's message
     * @param code     the error's code, or {@code null}
     * @param model    the model that served it ({@code x-tollgate-model})
     * @param decision the decision id ({@code x-tollgate-decision})
     */
    record Answer(int status, String text, String code, String model, String decision, BigDecimal costUsd,
                  long promptTokens, long completionTokens) {
        boolean ok() {
            return status == 200;
        }

        /** Refused by policy (a profile, a budget) rather than failed. */
        boolean refused() {
            return status == 402 || status == 403;
        }

        /** A failed answer as the run report gives it, e.g. {@code the gateway answered 402 (budget_exceeded): …}. */
        String describe() {
            return "the gateway answered " + status + (code == null ? "" : " (" + code + ")") + ": " + text;
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param base the gateway's root, e.g. {@code http://127.0.0.1:4000} */
    GatewayClient(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** @param token the bearer token the call is attributed by (a run token) */
    Answer ask(String model, String prompt, String token) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("model", model, "stream", false,
                "messages", List.of(Map.of("role", "user", "content", prompt))));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        String model0 = response.headers().firstValue(TollgateHeaders.MODEL).orElse(null);
        String decision = response.headers().firstValue(TollgateHeaders.DECISION).orElse(null);
        if (response.statusCode() != 200) {
            JsonNode error = json.path("error");
            return new Answer(response.statusCode(), error.path("message").asText("HTTP " + response.statusCode()),
                    error.path("code").asText(null), model0, decision, BigDecimal.ZERO, 0, 0);
        }
        BigDecimal cost = new BigDecimal(response.headers().firstValue(TollgateHeaders.COST).orElse("0"));
        JsonNode usage = json.path("usage");
        return new Answer(200, json.path("choices").path(0).path("message").path("content").asText(""), null, model0,
                decision, cost, usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
    }
}
