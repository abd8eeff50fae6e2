package dev.tollgate.spi;

/**
 * What a {@link CoderAdapter} concluded about a request of its coder.
 *
 * @param task        a task type the request is known to be ({@code titling}, {@code summarisation},
 *                    {@code coding}, …), or {@code null} to leave it to the classifier
 * @param sideRequest whether this is one of the coder's cheap side requests (a title, a commit
 *                    message, a summary, compaction): its task wins over keywords and it is simple
 * @param mode        the coder's mode when it has one ({@code plan} or {@code act}), else {@code null}
 * @param signal      what gave the coder and the hint away, for explanations
 *                    ("User-Agent claude-cli/…; title prompt")
 */
public record CoderHints(String task, boolean sideRequest, String mode, String signal) {

    /** A side request of task type {@code task} (titling, summarisation…): cheap and simple. */
    public static CoderHints side(String task, String signal) {
        return new CoderHints(task, true, null, signal);
    }

    /** A main agent turn: coding when it carries tools, otherwise left to the classifier. */
    public static CoderHints mainTurn(CoderRequest request, String mode, String signal) {
        return new CoderHints(request.hasTools() ? "coding" : null, false, mode, signal);
    }
}
