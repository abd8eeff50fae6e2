package dev.tollgate.engine.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scenario's world: its gateway, its catalog and the answers the coder got. Shared by the step classes. */
public class ScenarioGateway {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestGateway gateway = new TestGateway();
    private final Map<String, Model> catalog = new LinkedHashMap<>();
    private final List<HttpResponse<String>> answers = new ArrayList<>();

    void add(Model model) {
        catalog.put(model.name(), model);
        gateway.model(model);
    }

    Model model(String name) {
        Model model = catalog.get(name);
        if (model == null) {
            throw new IllegalArgumentException("not in the scenario's catalog: " + name);
        }
        return model;
    }

    List<Model> catalog() {
        return List.copyOf(catalog.values());
    }

    HttpResponse<String> ask(String body, Map<String, String> headers) throws Exception {
        return ask("/v1/chat/completions", body, headers);
    }

    /** A request to one of the gateway's ingresses ({@code /v1/messages}, {@code /v1/responses}…). */
    HttpResponse<String> ask(String path, String body, Map<String, String> headers) throws Exception {
        if (!gateway.started()) {
            gateway.start();
        }
        HttpResponse<String> answer = gateway.post(path, body, headers);
        answers.add(answer);
        return answer;
    }

    /** A chat request with one user message saying {@code text}. */
    static String chat(String model, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", text))));
    }

    HttpResponse<String> last() {
        return answers.get(answers.size() - 1);
    }

    List<HttpResponse<String>> answers() {
        return List.copyOf(answers);
    }

    static String servedBy(HttpResponse<String> answer) {
        return answer.headers().firstValue("x-tollgate-model").orElse("(none: HTTP " + answer.statusCode() + ")");
    }

    static JsonNode body(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body());
    }
}
