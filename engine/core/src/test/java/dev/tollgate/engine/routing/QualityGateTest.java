package dev.tollgate.engine.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.config.QualityGateConfig;
import dev.tollgate.spi.ChatResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QualityGateTest {
    private static final QualityGateConfig GATE = QualityGateConfig.defaults();

    private static String check(String message, String finishReason, int completionTokens) throws Exception {
        ChatResponse response = new ObjectMapper().readValue("""
                {"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
                 "choices": [{"index": 0, "message": %s, "finish_reason": "%s"}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": %d, "total_tokens": %d}}"""
                .formatted(message, finishReason, completionTokens, completionTokens + 10), ChatResponse.class);
        return QualityGate.check(response, response.usage(), GATE);
    }

    @Test
    void passesAnOrdinaryAnswer() throws Exception {
        assertThat(check("{\"role\": \"assistant\", \"content\": \"Here is the function.\"}", "stop", 40)).isNull();
    }

    @Test
    void refusesAnEmptyAnswer() throws Exception {
        assertThat(check("{\"role\": \"assistant\", \"content\": \"  \"}", "stop", 0)).isEqualTo("empty answer");
    }

    @Test
    void refusesAShortAnswerCutOffByItsLength() throws Exception {
        assertThat(check("{\"role\": \"assistant\", \"content\": \"def parse(\"}", "length", 12))
                .isEqualTo("cut short: finish_reason length after 12 tokens");
        assertThat(check("{\"role\": \"assistant\", \"content\": \"a long answer\"}", "length", 4000)).isNull();
    }

    @Test
    void refusesToolCallsWhoseArgumentsAreNotJson() throws Exception {
        assertThat(check("""
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                 "function": {"name": "read_file", "arguments": "{\\"path\\": \\"src/"}}]}""", "tool_calls", 9))
                .isEqualTo("malformed tool call: the arguments of 'read_file' are not JSON");
        assertThat(check("""
                {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                 "function": {"name": "read_file", "arguments": "{\\"path\\": \\"src/a.py\\"}"}}]}""", "tool_calls", 9))
                .isNull();
    }

    @Test
    void refusesARefusal() throws Exception {
        assertThat(check("{\"role\": \"assistant\", \"content\": \"I'm sorry, but I can't assist with that.\"}", "stop", 9))
                .startsWith("refusal: I'm sorry");
        assertThat(check("{\"role\": \"assistant\", \"content\": null, \"refusal\": \"Not allowed.\"}", "stop", 3))
                .isEqualTo("refusal: Not allowed.");
    }
}
