package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Cline (cline/cline). src/core/api/providers/constants.ts sends {@code user-agent: Cline/<version>}
 * and {@code x-title: Cline}; the system prompt opens "You are Cline, a highly skilled software
 * engineer". Each turn's environment details end with {@code # Current Mode} then
 * {@code PLAN MODE} or {@code ACT MODE}. Its OpenAI Compatible provider is configured with
 * {@code openAiBaseUrl}, {@code openAiApiKey}, {@code openAiModelId} (src/core/api/providers/openai.ts).
 */
@Extension
public final class ClineAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "cline";
    }

    @Override
    public String displayName() {
        return "Cline";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "Cline/"),
                Signals.headerIs(request, "X-Title", "Cline"), Signals.system(request, "You are Cline,"));
        if (coder == null) {
            return Optional.empty();
        }
        if (request.lastUserMentions("# Current Mode\nPLAN MODE")) {
            return Optional.of(new CoderHints(null, false, "plan", coder + "; PLAN MODE"));
        }
        String act = request.lastUserMentions("# Current Mode\nACT MODE") ? "; ACT MODE" : "";
        // Cline acts through tools, natively or as XML in its text: every act turn is agent coding work.
        return Optional.of(new CoderHints("coding", false, "act", coder + act));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "In Cline's settings (the gear in the Cline panel):",
                "API Provider: OpenAI Compatible",
                "Base URL (openAiBaseUrl): " + gatewayUrl + "/v1",
                "API Key (openAiApiKey): " + gatewayKey,
                "Model ID (openAiModelId): auto",
                "Plan and Act mode may each name another model (a catalog name) or both stay on auto."),
                List.of("openAiBaseUrl", "openAiApiKey", "openAiModelId"));
    }
}
