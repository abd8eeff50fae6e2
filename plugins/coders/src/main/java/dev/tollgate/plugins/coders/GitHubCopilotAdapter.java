package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * GitHub Copilot Chat with a bring-your-own-key OpenAI-compatible model (microsoft/vscode-copilot-chat,
 * setting {@code github.copilot.chat.customOAIModels}). The extension's requests carry
 * {@code User-Agent: GitHubCopilotChat/<version>}, and its prompts say "When asked for your name, you
 * must respond with "GitHub Copilot"" (src/extension/prompts/node/base/copilotIdentity.tsx). Its side
 * requests have no tools and their own system prompts: chat titles "You are an expert in crafting
 * pithy titles" (src/extension/prompts/node/panel/title.tsx), branch names "… pithy branch names",
 * progress messages "You are an expert in writing short, catchy, and encouraging progress messages".
 */
@Extension
public final class GitHubCopilotAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "github-copilot";
    }

    @Override
    public String displayName() {
        return "GitHub Copilot";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.first(Signals.headerStarts(request, "User-Agent", "GitHubCopilotChat/"),
                Signals.headerPresent(request, "Copilot-Integration-Id"),
                Signals.system(request, "you must respond with \"GitHub Copilot\""),
                Signals.system(request, "You are an expert in crafting pithy titles"));
        if (coder == null) {
            return Optional.empty();
        }
        if (!request.hasTools()) {
            CoderHints side = Signals.first(
                    Signals.side(request, coder, "titling", "crafting pithy titles", "crafting ultra-compact titles",
                            "crafting pithy branch names"),
                    Signals.side(request, coder, "chat", "encouraging progress messages"),
                    Signals.side(request, coder, "summarisation", "commit message", "summar"));
            if (side != null) {
                return Optional.of(side);
            }
        }
        return Optional.of(CoderHints.mainTurn(request, null, coder + (request.hasTools() ? "; agent turn" : "; chat turn")));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "In VS Code's settings.json (Copilot Chat, bring your own key):",
                "\"github.copilot.chat.customOAIModels\": {",
                "  \"auto\": { \"name\": \"Tollgate auto\", \"url\": \"" + gatewayUrl + "/v1\", \"toolCalling\": true,",
                "            \"vision\": true, \"maxInputTokens\": 128000, \"maxOutputTokens\": 16000, \"requiresAPIKey\": true }",
                "}",
                "Then pick \"Tollgate auto\" in the chat's model picker (Manage Models) and enter the key: " + gatewayKey),
                List.of("github.copilot.chat.customOAIModels"));
    }
}
