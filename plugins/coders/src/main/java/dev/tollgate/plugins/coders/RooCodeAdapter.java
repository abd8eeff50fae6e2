package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Roo Code (RooCodeInc/Roo-Code). src/api/providers/constants.ts sends {@code HTTP-Referer:
 * https://github.com/RooVetGit/Roo-Cline}, {@code X-Title: Roo Code} and {@code User-Agent:
 * RooCode/<version>}. Its Architect mode (src/shared/modes.ts) plans: "You are Roo, an experienced
 * technical leader"; the other modes act.
 */
@Extension
public final class RooCodeAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "roo-code";
    }

    @Override
    public String displayName() {
        return "Roo Code";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "RooCode/"),
                Signals.headerIs(request, "X-Title", "Roo Code"),
                Signals.headerStarts(request, "HTTP-Referer", "https://github.com/RooVetGit/Roo-Cline"),
                Signals.system(request, "You are Roo,"));
        if (coder == null) {
            return Optional.empty();
        }
        if (Signals.system(request, "You are Roo, an experienced technical leader") != null) {
            return Optional.of(new CoderHints(null, false, "plan", coder + "; Architect mode"));
        }
        return Optional.of(new CoderHints("coding", false, "act", coder + "; agent turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "In Roo Code's settings, create a provider profile:",
                "API Provider (apiProvider): OpenAI Compatible",
                "Base URL (openAiBaseUrl): " + gatewayUrl + "/v1",
                "API Key (openAiApiKey): " + gatewayKey,
                "Model (openAiModelId): auto"),
                List.of("apiProvider", "openAiBaseUrl", "openAiApiKey", "openAiModelId"));
    }
}
