package dev.tollgate.engine.config;

import java.util.List;

/** The task types and complexities that classification produces and routes and rules refer to. */
public final class TaskVocabulary {
    public static final List<String> TASK_TYPES = List.of("coding", "debugging", "refactoring", "review",
            "documentation", "architecture", "security", "reasoning", "vision", "chat", "summarisation", "titling");
    public static final List<String> COMPLEXITIES = List.of("simple", "medium", "complex");

    private TaskVocabulary() {
    }
}
