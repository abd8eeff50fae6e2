package dev.tollgate.engine.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tollgate.engine.config.QualityGateConfig;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ToolCall;
import dev.tollgate.spi.Usage;

import java.util.Locale;

/** Whether a free model's answer is good enough to pass on: not empty, not cut short, tool calls well formed, no refusal. */
public final class QualityGate {
    private QualityGate() {
    }

    /** @return why the answer fails the gate, or {@code null} when it passes */
    public static String check(ChatResponse response, Usage usage, QualityGateConfig gate) {
        if (response.choices() == null || response.choices().isEmpty()) {
            return gate.emptyAnswer() ? "empty answer: no choices" : null;
        }
        ChatResponse.Choice choice = response.choices().get(0);
        ChatMessage message = choice.message();
        String text = message == null ? "" : message.text().strip();
        boolean toolCalls = message != null && message.toolCalls() != null && !message.toolCalls().isEmpty();
        if (!gate.refusals().isEmpty() && message != null && message.extra().get("refusal") instanceof String refusal && !refusal.isBlank()) {
            return "refusal: " + abbreviated(refusal);
        }
        if (gate.emptyAnswer() && text.isEmpty() && !toolCalls) {
            return "empty answer";
        }
        if (gate.cutShortBelowTokens() > 0 && "length".equals(choice.finishReason())
                && usage.completionTokens() < gate.cutShortBelowTokens()) {
            return "cut short: finish_reason length after " + usage.completionTokens() + " tokens";
        }
        if (gate.malformedToolCalls() && toolCalls) {
            for (ToolCall call : message.toolCalls()) {
                String arguments = call.function() == null ? null : call.function().arguments();
                if (arguments == null || !isJson(arguments)) {
                    return "malformed tool call: the arguments of "
                            + (call.function() == null ? "a call" : "'" + call.function().name() + "'") + " are not JSON";
                }
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String phrase : gate.refusals()) {
            if (lower.startsWith(phrase.toLowerCase(Locale.ROOT))) {
                return "refusal: " + abbreviated(text);
            }
        }
        return null;
    }

    private static boolean isJson(String text) {
        try {
            WireJson.MAPPER.readTree(text);
            return !text.isBlank();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
