package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * OpenHands (All-Hands-AI/OpenHands). It calls through litellm; its CodeAct agent's system prompt
 * opens "You are OpenHands agent" (openhands/agenthub/codeact_agent/prompts/system_prompt.j2) and
 * its history condenser asks "You are maintaining a context-aware state summary for an interactive
 * agent" (openhands/memory/condenser/impl/llm_summarizing_condenser.py). LLM settings: LLM_BASE_URL,
 * LLM_API_KEY, LLM_MODEL (or [llm] base_url/api_key/model in config.toml).
 */
@Extension
public final class OpenHandsAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "openhands";
    }

    @Override
    public String displayName() {
        return "OpenHands";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String condenser = Signals.prompt(request, "context-aware state summary");
        if (condenser != null) {
            return Optional.of(CoderHints.side("summarisation", "history condensation (" + condenser + ")"));
        }
        String coder = Signals.system(request, "You are OpenHands agent");
        return coder == null ? Optional.empty() : Optional.of(CoderHints.mainTurn(request, null, coder));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("chat", List.of(
                "Run OpenHands with the gateway as its LLM (litellm's openai/ prefix means any OpenAI-compatible server):",
                "export LLM_BASE_URL=" + gatewayUrl + "/v1",
                "export LLM_API_KEY=" + gatewayKey,
                "export LLM_MODEL=openai/auto",
                "(or in the UI: Settings > LLM > Advanced: Custom Model openai/auto, Base URL, API Key)"),
                List.of("LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"));
    }
}
