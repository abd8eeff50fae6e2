package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * opencode (sst/opencode). Its provider requests carry {@code User-Agent: opencode/<version>}
 * (packages/opencode/src/session/llm.ts, with {@code x-session-affinity}). packages/opencode/src/session/index.ts
 * asks for a session title with the system prompt of session/prompt/title.txt ("You are a title
 * generator. You output ONLY a thread title.") and summarises a long session with the user message
 * "Provide a detailed but concise summary of our conversation above". Custom providers go in opencode.json with
 * {@code npm: @ai-sdk/openai-compatible} and {@code options.baseURL}.
 */
@Extension
public final class OpencodeAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "opencode";
    }

    @Override
    public String displayName() {
        return "opencode";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String title = Signals.system(request, "You are a title generator. You output ONLY a thread title.");
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "opencode/"),
                Signals.system(request, "You are opencode"), title);
        if (coder == null) {
            return Optional.empty();
        }
        if (title != null) {
            return Optional.of(CoderHints.side("titling", coder + "; title agent"));
        }
        CoderHints side = Signals.side(request, coder, "summarisation", "detailed but concise summary of our conversation");
        return Optional.of(side != null ? side : CoderHints.mainTurn(request, null, coder + "; agent turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "Add a provider to opencode.json (~/.config/opencode/opencode.json or the project's):",
                "{",
                "  \"provider\": {",
                "    \"tollgate\": {",
                "      \"npm\": \"@ai-sdk/openai-compatible\",",
                "      \"name\": \"Tollgate\",",
                "      \"options\": { \"baseURL\": \"" + gatewayUrl + "/v1\", \"apiKey\": \"" + gatewayKey + "\" },",
                "      \"models\": { \"auto\": { \"name\": \"Tollgate auto\" } }",
                "    }",
                "  },",
                "  \"model\": \"tollgate/auto\",",
                "  \"small_model\": \"tollgate/auto\"",
                "}"),
                List.of("provider", "npm", "baseURL", "apiKey", "model", "small_model"));
    }
}
