package dev.tollgate.engine.workflow;

import java.util.List;

/**
 * What a worker is handed: the structured hand-off between stages, stored with the run as JSON.
 *
 * @param taskRef        {@code <run>/<worker>}
 * @param instruction    what to do
 * @param context        references the worker should use: the previous stage's answer or branch, the repository
 * @param constraints    the workflow's constraints
 * @param expectedOutput what the worker is expected to hand back
 * @param from           the stage whose result this card hands on, or {@code null} for the first
 */
public record TaskCard(String taskRef, String instruction, List<String> context, List<String> constraints,
                       String expectedOutput, String from) {
    public TaskCard {
        context = context == null ? List.of() : List.copyOf(context);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }

    /** The card as one prompt, for a model worker. */
    String asPrompt() {
        StringBuilder text = new StringBuilder(instruction);
        if (!context.isEmpty()) {
            text.append("\n\nContext:\n");
            context.forEach(item -> text.append(item).append('\n'));
        }
        if (!constraints.isEmpty()) {
            text.append("\nConstraints:\n");
            constraints.forEach(item -> text.append("- ").append(item).append('\n'));
        }
        if (expectedOutput != null) {
            text.append("\nExpected output: ").append(expectedOutput);
        }
        return text.toString().strip();
    }
}
