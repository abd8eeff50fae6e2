package dev.tollgate.plugins.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Anthropic {@code message} as an OpenAI chat completion: content blocks, stop reason and usage translated. */
final class MessagesResponse {

    private MessagesResponse() {
    }

    static ChatResponse toCompletion(JsonNode message) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.add(new ToolCall(null, block.path("id").asText(), "function",
                        new ToolCall.FunctionCall(block.path("name").asText(), block.path("input").toString())));
                default -> {
                    // thinking and redacted_thinking blocks have no place in a chat completion
                }
            }
        }
        ChatMessage reply = new ChatMessage("assistant", calls.isEmpty() || !text.isEmpty() ? text.toString() : null, null,
                calls.isEmpty() ? null : calls, null, null);
        ChatResponse.Choice choice = new ChatResponse.Choice(0, reply, finishReason(message.path("stop_reason").asText(null)),
                null);
        return new ChatResponse(message.path("id").asText(), "chat.completion", Instant.now().getEpochSecond(),
                message.path("model").asText(), List.of(choice), usage(message.path("usage")), null);
    }

    /** Anthropic's stop_reason as OpenAI's finish_reason (https://docs.anthropic.com/en/api/handling-stop-reasons). */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /**
     * Anthropic counts cache reads and writes apart from {@code input_tokens}; OpenAI's
     * {@code prompt_tokens} includes cached tokens, so all three are added, and the cache counts are
     * kept as {@code prompt_tokens_details.cached_tokens} and {@code cache_creation_input_tokens}.
     */
    static Usage usage(JsonNode usage) {
        if (usage.isMissingNode() || usage.isNull()) {
            return null;
        }
        long input = usage.path("input_tokens").asLong();
        long cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long output = usage.path("output_tokens").asLong();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("prompt_tokens_details", Map.of("cached_tokens", cacheRead));
        if (cacheWrite > 0) {
            extra.put("cache_creation_input_tokens", cacheWrite);
        }
        long prompt = input + cacheWrite + cacheRead;
        return new Usage(prompt, output, prompt + output, extra);
    }
}
