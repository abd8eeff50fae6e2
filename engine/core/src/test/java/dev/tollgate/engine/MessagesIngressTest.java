package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.TestGateway.Model;
import dev.tollgate.engine.http.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/messages}: what Claude Code sends is translated to the upstream's Chat Completions and back. */
class MessagesIngressTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8).withVision();
    private static final Map<String, String> CLAUDE_CODE = Map.of("User-Agent", "claude-cli/2.0.14 (external, cli)",
            "x-app", "cli", "anthropic-version", "2023-06-01",
            "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14");

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
    void translatesAClaudeCodeTurnWithToolResultsThinkingAndImages() throws Exception {
        gateway.upstreams().answers(MODEL, "Done.", 40, 2);

        HttpResponse<String> response = gateway.post("/v1/messages?beta=true", """
                {"model": "auto", "max_tokens": 32000, "stream": false,
                 "system": [{"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude.",
                             "cache_control": {"type": "ephemeral"}},
                            {"type": "text", "text": "Use the tools."}],
                 "messages": [
                   {"role": "user", "content": [{"type": "text", "text": "Fix the bug", "cache_control": {"type": "ephemeral"}},
                      {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]},
                   {"role": "assistant", "content": [
                      {"type": "thinking", "thinking": "Look at main.py first.", "signature": "EqQBCkYIBxgCKkB"},
                      {"type": "text", "text": "Reading it."},
                      {"type": "tool_use", "id": "toolu_01A", "name": "Read", "input": {"file_path": "main.py"}}]},
                   {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "toolu_01A", "content": [{"type": "text", "text": "print(1/0)"}]},
                      {"type": "text", "text": "Go on."}]},
                   {"role": "system", "content": "Reminder: keep answers short."}],
                 "tools": [{"name": "Read", "description": "Reads a file",
                            "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}},
                            "cache_control": {"type": "ephemeral"}},
                           {"type": "web_search_20250305", "name": "web_search", "max_uses": 5}],
                 "tool_choice": {"type": "auto"},
                 "thinking": {"type": "enabled", "budget_tokens": 4000},
                 "metadata": {"user_id": "user_abc_account__session_123"}}""", CLAUDE_CODE);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = WireJson.MAPPER.readTree(response.body());
        assertThat(answer.path("type").asText()).isEqualTo("message");
        assertThat(answer.path("content").get(0).path("text").asText()).isEqualTo("Done.");
        assertThat(answer.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(answer.path("usage").path("input_tokens").asLong()).isEqualTo(40);

        JsonNode sent = WireJson.MAPPER.readTree(gateway.upstreams().bodies(MODEL).get(0));
        JsonNode messages = sent.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText())
                .isEqualTo("You are Claude Code, Anthropic's official CLI for Claude.\nUse the tools.");
        assertThat(messages.get(1).path("content").get(1).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("Reading it.");
        assertThat(messages.get(2).path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"file_path\":\"main.py\"}");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("toolu_01A");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("print(1/0)");
        assertThat(messages.get(4).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(5).path("role").asText()).isEqualTo("system");
        assertThat(messages).hasSize(6);
        assertThat(sent.path("tools")).hasSize(1);
        assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("Read");
        assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(32000);
        // Nothing Anthropic-only reaches a Chat Completions upstream.
        assertThat(sent.has("thinking")).isFalse();
        assertThat(sent.has("metadata")).isFalse();
        assertThat(sent.has("system")).isFalse();
        assertThat(sent.toString()).doesNotContain("cache_control", "signature", "Look at main.py first.");
    }

    @Test
    void refusesABadRequestInAnthropicsErrorShape() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model": "auto", "max_tokens": 10, "messages": [{"role": "tool", "content": "x"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = WireJson.MAPPER.readTree(response.body());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("error").path("message").asText()).contains("messages.0.role", "user or assistant");
    }

    @Test
    void answersAnUnknownModelWithNotFound() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model": "claude-opus-9", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(WireJson.MAPPER.readTree(response.body()).path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void countsTokensWithoutCallingAnUpstream() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages/count_tokens?beta=true", """
                {"model": "auto", "system": "You are terse.",
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted("word ".repeat(400)), CLAUDE_CODE);

        assertThat(response.statusCode()).isEqualTo(200);
        int tokens = WireJson.MAPPER.readTree(response.body()).path("input_tokens").asInt();
        assertThat(tokens).isBetween(480, 540);
        assertThat(gateway.upstreams().calls(MODEL)).isZero();
    }
}
