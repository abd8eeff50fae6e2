package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.TestGateway.Model;
import dev.tollgate.engine.http.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/responses}: a Codex CLI turn is translated to the upstream's Chat Completions and streamed back. */
class ResponsesIngressTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8).withVision();
    // What Codex CLI sends (codex-rs/core/src/client.rs, default_client.rs): originator and a codex_exec/<version> user agent.
    private static final Map<String, String> CODEX = Map.of("originator", "codex_exec",
            "User-Agent", "codex_exec/0.169.0 (Ubuntu 24.4.0; x86_64) xterm-256color", "OpenAI-Beta", "responses=experimental");

    private final TestGateway gateway = new TestGateway().model(MODEL);

    @BeforeEach
    void start() throws Exception {
        gateway.start();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void translatesACodexTurnWithFunctionCallsReasoningAndImages() throws Exception {
        gateway.upstreams().streams(MODEL, List.of("All ", "green."), 50, 3, 0);

        HttpResponse<String> response = gateway.post("/v1/responses", """
                {"model": "auto", "instructions": "You are a coding agent running in the Codex CLI.",
                 "input": [
                   {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "<permissions>workspace-write</permissions>"}]},
                   {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Run the tests"},
                      {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo=", "detail": "auto"}]},
                   {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Use shell."}], "encrypted_content": null},
                   {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "shell", "arguments": "{\\"command\\":[\\"mvn\\",\\"test\\"]}"},
                   {"type": "function_call_output", "call_id": "call_1", "output": "BUILD SUCCESS"}],
                 "tools": [{"type": "function", "name": "shell", "description": "Runs a shell command", "strict": false,
                            "parameters": {"type": "object", "properties": {"command": {"type": "array", "items": {"type": "string"}}}}},
                           {"type": "web_search"}],
                 "tool_choice": "auto", "parallel_tool_calls": false,
                 "reasoning": {"effort": "medium", "summary": "auto"}, "store": false, "stream": true,
                 "include": ["reasoning.encrypted_content"], "prompt_cache_key": "019a-session"}""", CODEX);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> events = response.body().lines().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        assertThat(events).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed");
        String completed = response.body().lines().filter(l -> l.startsWith("data: ") && l.contains("response.completed"))
                .findFirst().orElseThrow().substring(6);
        JsonNode done = WireJson.MAPPER.readTree(completed).path("response");
        assertThat(done.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("All green.");
        assertThat(done.path("usage").path("total_tokens").asLong()).isEqualTo(53);

        JsonNode sent = WireJson.MAPPER.readTree(gateway.upstreams().bodies(MODEL).get(0));
        JsonNode messages = sent.path("messages");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You are a coding agent running in the Codex CLI.");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(2).path("content").get(1).path("type").asText()).isEqualTo("image_url");
        assertThat(messages.get(3).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
        assertThat(messages.get(4).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(4).path("content").asText()).isEqualTo("BUILD SUCCESS");
        assertThat(messages).hasSize(5);
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(sent.path("parallel_tool_calls").asBoolean()).isFalse();
        assertThat(sent.has("reasoning") || sent.has("store") || sent.has("include") || sent.has("input")).isFalse();
    }

    @Test
    void refusesPreviousResponseIdWithWhatToDoInstead() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/responses", """
                {"model": "auto", "previous_response_id": "resp_1", "input": "and now?"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(WireJson.MAPPER.readTree(response.body()).path("error").path("message").asText())
                .contains("store: false");
    }
}
