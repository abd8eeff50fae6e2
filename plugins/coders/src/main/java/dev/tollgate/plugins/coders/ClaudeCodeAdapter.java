package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Claude Code (Anthropic's CLI, closed source). Measured: it sends {@code POST /v1/messages?beta=true}
 * with {@code User-Agent: claude-cli/<version> …} and {@code x-app: cli} (/work/shared/NOTES.md).
 * Its side requests go to the small fast model without tools: session titles and topic detection,
 * and compaction, whose prompt opens "Your task is to create a detailed summary of the conversation
 * so far" (prompts extracted in shaneholloman/claude-code-prompts,
 * system-prompts/agent-prompt-conversation-summarization.md and
 * agent-prompt-session-title-and-branch-generation.md). Main turns carry its tools.
 */
@Extension
public final class ClaudeCodeAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "claude-code";
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "claude-cli/"),
                Signals.headerIs(request, "x-app", "cli"));
        if (coder == null) {
            return Optional.empty();
        }
        CoderHints compaction = Signals.side(request, coder, "summarisation", "create a detailed summary of the conversation");
        if (compaction != null) {
            return Optional.of(compaction);
        }
        if (!request.hasTools()) {
            CoderHints title = Signals.side(request, coder, "titling", "title", "new conversation topic");
            return Optional.of(title != null ? title
                    : CoderHints.side("chat", coder + "; small fast model request (no tools)"));
        }
        return Optional.of(CoderHints.mainTurn(request, null, coder + "; main turn with tools"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("messages", List.of(
                "Claude Code speaks the Anthropic Messages API; point it at the gateway with environment variables:",
                "export ANTHROPIC_BASE_URL=" + gatewayUrl,
                "export ANTHROPIC_AUTH_TOKEN=" + gatewayKey,
                "export ANTHROPIC_MODEL=auto                  # the policy picks the model of each main turn",
                "export ANTHROPIC_SMALL_FAST_MODEL=auto       # and of each side request (titles, topics)",
                "claude"),
                List.of("ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL"));
    }
}
