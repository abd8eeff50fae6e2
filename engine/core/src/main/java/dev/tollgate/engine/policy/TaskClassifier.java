package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.ClassifierConfig;
import dev.tollgate.engine.config.ComplexityRules;
import dev.tollgate.engine.config.TaskVocabulary;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.CoderHints;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies a request by the words and thresholds in {@code config/} (section {@code classifier}):
 * an explicit {@code x-tollgate-task} header first, then a coder's side request (simple), then images,
 * then the first task type whose keyword appears in the last user message, then the coder's hint for
 * a main turn, then keywords in the system prompt, then tool definitions (coding), else chat. The mechanism is here; every word and number is the user's.
 */
public final class TaskClassifier {
    private static final String SIMPLE = "simple";
    private static final String MEDIUM = "medium";
    private static final String COMPLEX = "complex";

    private final ClassifierConfig config;

    public TaskClassifier(ClassifierConfig config) {
        this.config = config;
    }

    /**
     * @param headerTask the client's {@code x-tollgate-task} value (already checked against the vocabulary), or {@code null}
     */
    public Classification classify(ChatRequest request, String headerTask, int estimatedTokens, boolean hasImages) {
        return classify(request, headerTask, estimatedTokens, hasImages, null);
    }

    /**
     * @param coder the coder adapter's hints, or {@code null}: a side request's task wins over everything but the
     *              header and is simple; a main turn's task comes after the last user message's keywords
     */
    public Classification classify(ChatRequest request, String headerTask, int estimatedTokens, boolean hasImages,
                                   CoderHints coder) {
        String task;
        String taskSignal;
        boolean side = coder != null && coder.sideRequest();
        if (headerTask != null) {
            task = headerTask;
            taskSignal = "x-tollgate-task header";
        } else if (side) {
            task = coder.task() != null ? coder.task() : "chat";
            taskSignal = "coder side request: " + coder.signal();
        } else if (hasImages) {
            task = "vision";
            taskSignal = "images in the request";
        } else {
            KeywordMatch found = keyword(lastUserText(request), "the last user message");
            if (found == null && coder != null && coder.task() != null) {
                found = new KeywordMatch(coder.task(), "coder: " + coder.signal());
            }
            if (found == null) {
                found = keyword(systemText(request), "the system prompt");
            }
            if (found != null) {
                task = found.task();
                taskSignal = found.signal();
            } else if (request.tools() != null && !request.tools().isEmpty()) {
                task = "coding";
                taskSignal = "tool definitions in the request";
            } else {
                task = "chat";
                taskSignal = "no keyword matched";
            }
        }
        ComplexityRules rules = config.complexity();
        String complexity;
        String complexitySignal;
        if (side && headerTask == null) {
            complexity = SIMPLE;
            complexitySignal = "a coder's side request is simple";
        } else if (rules.complexTasks().contains(task)) {
            complexity = COMPLEX;
            complexitySignal = "task '" + task + "' is always complex";
        } else if (estimatedTokens > rules.complexAboveTokens()) {
            complexity = COMPLEX;
            complexitySignal = "~" + estimatedTokens + " tokens, above " + rules.complexAboveTokens();
        } else if (estimatedTokens < rules.simpleBelowTokens()) {
            complexity = SIMPLE;
            complexitySignal = "~" + estimatedTokens + " tokens, below " + rules.simpleBelowTokens();
        } else {
            complexity = MEDIUM;
            complexitySignal = "~" + estimatedTokens + " tokens, between " + rules.simpleBelowTokens() + " and "
                    + rules.complexAboveTokens();
        }
        return new Classification(task, complexity, taskSignal, complexitySignal);
    }

    /** Whether {@code task} is a task type the classifier knows (for validating the header). */
    public static boolean known(String task) {
        return TaskVocabulary.TASK_TYPES.contains(task);
    }

    private record KeywordMatch(String task, String signal) {
    }

    private KeywordMatch keyword(String text, String where) {
        if (text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> type : config.keywords().entrySet()) {
            for (String word : type.getValue()) {
                if (lower.contains(word)) {
                    return new KeywordMatch(type.getKey(), "keyword '" + word + "' in " + where);
                }
            }
        }
        return null;
    }

    private static String lastUserText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static String systemText(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            if ("system".equals(message.role()) || "developer".equals(message.role())) {
                text.append(message.text()).append('\n');
            }
        }
        return text.toString();
    }
}
