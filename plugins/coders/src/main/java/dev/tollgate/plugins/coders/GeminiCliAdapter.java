package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Gemini CLI (google-gemini/gemini-cli). packages/core/src/core/contentGenerator.ts sends
 * {@code User-Agent: GeminiCLI/<version> (<platform>; <arch>)}; its history compression prompt
 * (packages/core/src/core/prompts.ts) begins "You are the component that summarizes internal chat
 * history". It speaks only Google's Gemini API (generateContent), which Tollgate has no ingress for
 * yet: it is recognised when its traffic is bridged to an OpenAI-compatible endpoint, and
 * {@code tollgate connect} says so plainly.
 */
@Extension
public final class GeminiCliAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "gemini-cli";
    }

    @Override
    public String displayName() {
        return "Gemini CLI";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.headerStarts(request, "User-Agent", "GeminiCLI/");
        if (coder == null) {
            return Optional.empty();
        }
        CoderHints side = Signals.side(request, coder, "summarisation", "summarizes internal chat history");
        return Optional.of(side != null ? side : CoderHints.mainTurn(request, null, coder + "; agent turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("none", List.of(
                "Gemini CLI speaks only Google's Gemini API (generateContent); Tollgate serves the OpenAI Chat",
                "Completions, Anthropic Messages and OpenAI Responses APIs, so it cannot serve Gemini CLI directly yet.",
                "Gemini CLI's own switch for another endpoint is GOOGLE_GEMINI_BASE_URL (with GEMINI_API_KEY); it",
                "needs a Gemini-API ingress, which is not built. Use another coder with this gateway meanwhile."),
                List.of("GOOGLE_GEMINI_BASE_URL", "GEMINI_API_KEY"));
    }
}
