package dev.tollgate.plugins.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ProviderEndpoint;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A GenerateContentResponse as an OpenAI chat completion: parts, finish reason and usageMetadata translated. */
final class GeminiResponse {

    private GeminiResponse() {
    }

    /** A prompt Gemini's safety system blocked has no candidates, only {@code promptFeedback.blockReason}. */
    static void requireCandidates(ProviderEndpoint endpoint, JsonNode answer) throws ProviderException {
        if (answer.path("candidates").isArray() && !answer.path("candidates").isEmpty()) {
            return;
        }
        String blocked = answer.path("promptFeedback").path("blockReason").asText(null);
        throw new ProviderException(blocked != null ? GeminiErrors.promptBlocked(blocked)
                : GeminiErrors.notGemini(endpoint, 200, answer.toString()));
    }

    static ChatResponse toCompletion(JsonNode answer, String upstreamModel) {
        JsonNode candidate = answer.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                continue;
            }
            if (part.has("text")) {
                text.append(part.path("text").asText());
            } else if (part.has("functionCall")) {
                calls.add(toolCall(part.path("functionCall"), null));
            }
        }
        ChatMessage reply = new ChatMessage("assistant", calls.isEmpty() || !text.isEmpty() ? text.toString() : null, null,
                calls.isEmpty() ? null : calls, null, null);
        ChatResponse.Choice choice = new ChatResponse.Choice(0, reply,
                finishReason(candidate.path("finishReason").asText(null), !calls.isEmpty()), null);
        return new ChatResponse(id(answer), "chat.completion", Instant.now().getEpochSecond(), model(answer, upstreamModel),
                List.of(choice), usage(answer.path("usageMetadata")), null);
    }

    static ToolCall toolCall(JsonNode functionCall, Integer index) {
        // Gemini 2.x gives calls no id; later models may. The client echoes whichever id it gets.
        String id = functionCall.path("id").asText(null);
        return new ToolCall(index, id != null ? id : "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                "function", new ToolCall.FunctionCall(functionCall.path("name").asText(),
                functionCall.has("args") ? functionCall.path("args").toString() : "{}"));
    }

    /** https://ai.google.dev/api/generate-content#FinishReason as OpenAI's finish_reason. */
    static String finishReason(String reason, boolean calledTools) {
        if (reason == null || reason.equals("FINISH_REASON_UNSPECIFIED")) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop"; // STOP, MALFORMED_FUNCTION_CALL, LANGUAGE, OTHER
        };
    }

    /**
     * usageMetadata as OpenAI usage: thinking tokens are billed as output, so they count as
     * completion tokens and are also shown as {@code reasoning_tokens}; cached prompt tokens as
     * {@code prompt_tokens_details.cached_tokens}.
     */
    static Usage usage(JsonNode metadata) {
        if (metadata.isMissingNode() || metadata.isNull()) {
            return null;
        }
        long prompt = metadata.path("promptTokenCount").asLong();
        long thoughts = metadata.path("thoughtsTokenCount").asLong();
        long completion = metadata.path("candidatesTokenCount").asLong() + thoughts;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("prompt_tokens_details", Map.of("cached_tokens", metadata.path("cachedContentTokenCount").asLong()));
        if (thoughts > 0) {
            extra.put("completion_tokens_details", Map.of("reasoning_tokens", thoughts));
        }
        return new Usage(prompt, completion, prompt + completion, extra);
    }

    static String id(JsonNode answer) {
        String id = answer.path("responseId").asText(null);
        return id != null ? id : "gemini-" + UUID.randomUUID();
    }

    static String model(JsonNode answer, String upstreamModel) {
        return answer.path("modelVersion").asText(upstreamModel);
    }
}
