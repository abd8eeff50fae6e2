package dev.tollgate.plugins.coders;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import dev.tollgate.spi.ConnectSteps;
import org.pf4j.Extension;

import java.util.List;
import java.util.Optional;

/**
 * Codex CLI (openai/codex). codex-rs/core/src/default_client.rs sets an {@code originator} header
 * ({@code codex_cli_rs} for the TUI, {@code codex_exec} for {@code codex exec}) and a
 * {@code User-Agent} of {@code <originator>/<version> (<os>; <arch>) <terminal>}. Compaction sends
 * codex-rs/core/templates/compact/prompt.md ("You are performing a CONTEXT CHECKPOINT COMPACTION").
 * For custom providers it speaks only the Responses API (wire_api = "responses", NOTES.md).
 */
@Extension
public final class CodexCliAdapter implements CoderAdapter {

    @Override
    public String id() {
        return "codex-cli";
    }

    @Override
    public String displayName() {
        return "Codex CLI";
    }

    @Override
    public Optional<CoderHints> recognise(CoderRequest request) {
        String coder = Signals.first(Signals.headerStarts(request, "originator", "codex_"),
                Signals.headerStarts(request, "User-Agent", "codex_cli_rs/"),
                Signals.headerStarts(request, "User-Agent", "codex_exec/"));
        if (coder == null) {
            return Optional.empty();
        }
        CoderHints side = Signals.side(request, coder, "summarisation", "CONTEXT CHECKPOINT COMPACTION");
        return Optional.of(side != null ? side : CoderHints.mainTurn(request, null, coder + "; agent turn"));
    }

    @Override
    public ConnectSteps connect(String gatewayUrl, String gatewayKey) {
        return new ConnectSteps("responses", List.of(
                "Add a provider to ~/.codex/config.toml (Codex CLI requires the Responses API for custom providers):",
                "model = \"auto\"",
                "model_provider = \"tollgate\"",
                "",
                "[model_providers.tollgate]",
                "name = \"Tollgate\"",
                "base_url = \"" + gatewayUrl + "/v1\"",
                "env_key = \"TOLLGATE_API_KEY\"",
                "wire_api = \"responses\"",
                "",
                "Then: export TOLLGATE_API_KEY=" + gatewayKey + " && codex"),
                List.of("model_provider", "model_providers", "base_url", "env_key", "wire_api"));
    }
}
