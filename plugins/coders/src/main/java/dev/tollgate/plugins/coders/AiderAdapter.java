package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Aider (Aider-AI/aider). It calls through litellm and the OpenAI Python SDK, so its headers are
 * the SDK's; aider/models.py adds {@code HTTP-Referer: https://aider.chat} and {@code X-Title: Aider}.
 * Its prompts give it away: the main coders' system prompts open "Act as an expert software
 * developer" (aider/coders/*_prompts.py), its weak model writes commit messages ("Review the
 * provided context and diffs which are about to be committed to a git repo", aider/prompts.py
 * commit_system) and summarises chat history ("*Briefly* summarize this partial conversation about
 * programming", aider/prompts.py summarize).
 */
@Extension
public final class AiderAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "aider";
    }

    @Override
    public String displayName() {
        return "Aider";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String commit = Signals.prompt(request, "diffs which are about to be committed to a git repo");
        String summary = Signals.prompt(request, "summarize this partial conversation about programming");
        String coder = Signals.first(Signals.headerIs(request, "X-Title", "Aider"),
                Signals.headerStarts(request, "HTTP-Referer", "https://aider.chat"),
                Signals.system(request, "Act as an expert software developer"), commit, summary);
        if (coder == null) {
            return Optional.empty();
        }
        if (commit != null) {
            return Optional.of(CoderHints.side("summarisation", coder + "; commit message (" + commit + ")"));
        }
        if (summary != null) {
            return Optional.of(CoderHints.side("summarisation", coder + "; chat history summary (" + summary + ")"));
        }
        // Aider edits through its text (edit blocks), not tools: its main turns are coding all the same.
        return Optional.of(new CoderHints("coding", false, null, coder + "; main turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "export OPENAI_API_BASE=" + gatewayUrl + "/v1",
                "export OPENAI_API_KEY=" + gatewayKey,
                "aider --model openai/auto --weak-model openai/auto",
                "(or in .aider.conf.yml: openai-api-base, openai-api-key, model, weak-model)"),
                List.of("OPENAI_API_BASE", "OPENAI_API_KEY", "--model", "--weak-model", "openai-api-base"));
    }
}
