package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Kilo Code (Kilo-Org/kilocode, a Roo Code fork). src/api/providers/constants.ts sends
 * {@code HTTP-Referer: https://kilocode.ai}, {@code X-Title: Kilo Code},
 * {@code X-KiloCode-Version: <version>} and {@code User-Agent: Kilo-Code/<version>}. Like Roo, its
 * Architect mode plans.
 */
@Extension
public final class KiloCodeAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "kilo-code";
    }

    @Override
    public String displayName() {
        return "Kilo Code";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "Kilo-Code/"),
                Signals.headerPresent(request, "X-KiloCode-Version"),
                Signals.headerIs(request, "X-Title", "Kilo Code"));
        if (coder == null) {
            return Optional.empty();
        }
        if (Signals.system(request, "an experienced technical leader") != null) {
            return Optional.of(new CoderHints(null, false, "plan", coder + "; Architect mode"));
        }
        return Optional.of(new CoderHints("coding", false, "act", coder + "; agent turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "In Kilo Code's settings, create a provider profile:",
                "API Provider (apiProvider): OpenAI Compatible",
                "Base URL (openAiBaseUrl): " + gatewayUrl + "/v1",
                "API Key (openAiApiKey): " + gatewayKey,
                "Model (openAiModelId): auto"),
                List.of("apiProvider", "openAiBaseUrl", "openAiApiKey", "openAiModelId"));
    }
}
