package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Gemini CLI (google-gemini/gemini-cli), which speaks only Google's Gemini API and reaches the
 * gateway through its Gemini ingress ({@code /v1beta/models/<model>:streamGenerateContent}).
 * packages/core/src/core/contentGenerator.ts sends {@code User-Agent: GeminiCLI/<version>/<model>
 * (<platform>; <arch>; <surface>)} (older releases {@code GeminiCLI/<version> (<platform>; <arch>)},
 * a named client {@code GeminiCLI-<client>/…}), the key as {@code x-goog-api-key}, and takes its
 * endpoint from {@code GOOGLE_GEMINI_BASE_URL} with the {@code gemini-api-key} auth type and
 * {@code GEMINI_API_KEY}. Its side requests: history compression (packages/core/src/core/prompts.ts,
 * "You are the component that summarizes internal chat history") and the next-speaker check
 * (packages/core/src/utils/nextSpeakerChecker.ts, "Analyze *only* the content and structure of your
 * immediately preceding response").
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
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "GeminiCLI/"),
                Signals.headerStarts(request, "User-Agent", "GeminiCLI-"));
        if (coder == null) {
            return Optional.empty();
        }
        CoderHints side = Signals.first(Signals.side(request, coder, "summarisation", "summarizes internal chat history"),
                Signals.side(request, coder, "chat", "determine who should logically speak next"));
        return Optional.of(side != null ? side : CoderHints.mainTurn(request, null, coder + "; agent turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("gemini", List.of(
                "Gemini CLI speaks Google's Gemini API; point it at the gateway's Gemini ingress with its own variables:",
                "export GOOGLE_GEMINI_BASE_URL=" + gatewayUrl,
                "export GEMINI_API_KEY=" + gatewayKey + "      # sent as x-goog-api-key",
                "and choose API-key authentication (or pick \"Use Gemini API key\" in /auth), in ~/.gemini/settings.json:",
                "  {\"security\": {\"auth\": {\"selectedType\": \"gemini-api-key\"}}}",
                "Gemini CLI names a Gemini model in every request (the one -m/--model or /model picks):",
                "a catalog model with that upstream id serves it; to let the policy choose instead, add the names it sends",
                "to gateway.yaml's auto-aliases, e.g. auto-aliases: [auto, tollgate/auto, gemini-2.5-pro, gemini-2.5-flash].",
                "gemini"),
                List.of("GOOGLE_GEMINI_BASE_URL", "GEMINI_API_KEY", "selectedType"));
    }
}
