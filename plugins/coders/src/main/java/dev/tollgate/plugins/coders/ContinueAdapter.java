package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Continue (continuedev/continue). Its default system messages (core/llm/defaultSystemMessages.ts)
 * open with {@code <important_rules>} and say "You are in agent mode", "You are in chat mode" or
 * "You are in plan mode"; its chat titles come from core/util/chatDescriber.ts, which asks for a
 * summary "that is 4-12 words in length". Models are configured in config.yaml with
 * {@code provider}, {@code apiBase} and {@code apiKey}.
 */
@Extension
public final class ContinueAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "continue";
    }

    @Override
    public String displayName() {
        return "Continue";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String title = Signals.prompt(request, "4-12 words in length");
        String plan = Signals.system(request, "You are in plan mode");
        String agent = Signals.system(request, "You are in agent mode");
        String chat = Signals.system(request, "You are in chat mode");
        boolean rules = Signals.system(request, "<important_rules>") != null;
        if (title != null) {
            return Optional.of(CoderHints.side("titling", "chat title request (" + title + ")"));
        }
        if (!rules || (plan == null && agent == null && chat == null)) {
            return Optional.empty();
        }
        if (plan != null) {
            return Optional.of(new CoderHints(null, false, "plan", plan));
        }
        return Optional.of(CoderHints.mainTurn(request, agent != null ? "act" : null, agent != null ? agent : chat));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "Add a model to ~/.continue/config.yaml:",
                "models:",
                "  - name: Tollgate auto",
                "    provider: openai",
                "    model: auto",
                "    apiBase: " + gatewayUrl + "/v1",
                "    apiKey: " + gatewayKey,
                "    roles: [chat, edit, apply, summarize]"),
                List.of("provider", "apiBase", "apiKey", "roles"));
    }
}
