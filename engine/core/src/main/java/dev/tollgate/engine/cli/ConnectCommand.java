package dev.tollgate.engine.cli;

import dev.tollgate.engine.coder.Coders;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ConfigLoader;
import dev.tollgate.engine.config.GatewayKey;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.plugin.ProviderPlugins;
import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.ConnectSteps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code tollgate connect <coder>}: the exact steps that point one coder at this gateway, with its
 * URL and a gateway key filled in, and which of the gateway's wire APIs the coder will use.
 * {@code --list} lists the coders the loaded coder adapters know.
 */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Print how to point a coder (cline, claude-code, codex-cli, …) at this gateway; --list lists them.")
final class ConnectCommand implements Callable<Integer> {
    static final int UNKNOWN_CODER = 2;
    private static final Map<String, String> INGRESSES = Map.of(
            "chat", "OpenAI Chat Completions, POST /v1/chat/completions",
            "messages", "Anthropic Messages, POST /v1/messages",
            "responses", "OpenAI Responses, POST /v1/responses",
            "gemini", "Google Gemini API, POST /v1beta/models/{model}:streamGenerateContent",
            "none", "none of the gateway's wire APIs");

    @Mixin
    PolicyLocation location;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CODER", description = "The coder, as --list names it.")
    String coder;

    @Option(names = "--list", description = "List the coders this gateway recognises and can connect.")
    boolean list;

    @Option(names = "--url", description = "The gateway's URL as the coder will reach it (default: http://127.0.0.1:<gateway.port>).")
    String url;

    @Option(names = "--key", paramLabel = "NAME", description = "The gateway key (its name in keys.yaml) to give the coder "
            + "(default: the key whose coder is this one, if any).")
    String keyName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Only config, .env and the plugins: connecting a coder needs no rules compiled.
        try (ProviderPlugins plugins = ProviderPlugins.load(location.plugins())) {
            TollgateConfig config = ConfigLoader.load(location.config());
            SecretSource secrets = SecretSource.load(location.envFile());
            Coders coders = new Coders(plugins.coders());
            if (list || coder == null) {
                out.println("Coders this gateway recognises (tollgate connect <coder> shows the steps):");
                for (CoderAdapter adapter : coders.adapters()) {
                    out.printf("  %-15s %-15s %s%n", adapter.id(), adapter.displayName(),
                            INGRESSES.get(adapter.connect("", "").ingress()));
                }
                out.flush();
                return 0;
            }
            Optional<CoderAdapter> adapter = coders.find(coder);
            if (adapter.isEmpty()) {
                err.println("tollgate: no coder '" + coder + "' (known: "
                        + coders.adapters().stream().map(CoderAdapter::id).collect(Collectors.joining(", ")) + ")");
                err.flush();
                return UNKNOWN_CODER;
            }
            String gatewayUrl = url != null ? url.replaceAll("/+$", "") : "http://127.0.0.1:" + config.gateway().port();
            String key = gatewayKey(config, secrets, adapter.get().id(), err);
            if (key == null) {
                return UNKNOWN_CODER;
            }
            ConnectSteps steps = adapter.get().connect(gatewayUrl, key);
            out.println(adapter.get().displayName() + " -> Tollgate at " + gatewayUrl + " (" + INGRESSES.get(steps.ingress()) + ")");
            out.println();
            steps.steps().forEach(step -> out.println("  " + step));
            out.println();
            out.println("Its requests are recognised as coder '" + adapter.get().id() + "': routes can match "
                    + "`when: { coder: [" + adapter.get().id() + "] }`, and the ledger splits spend by coder.");
            out.flush();
            return 0;
        } catch (ConfigException e) {
            return LoadedPolicy.report(e, "fix them first", err);
        }
    }

    /** The value of the chosen gateway key; a placeholder when the gateway needs none; {@code null} after an error. */
    private String gatewayKey(TollgateConfig config, SecretSource secrets, String coderId, PrintWriter err) {
        Map<String, GatewayKey> keys = config.keys();
        String name = keyName;
        if (name == null) {
            name = keys.entrySet().stream().filter(k -> coderId.equals(k.getValue().coder())).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
        if (name == null) {
            return config.gateway().keyRequired(!keys.isEmpty())
                    ? "<a gateway key from keys.yaml (tollgate connect --key NAME)>" : "tollgate";
        }
        GatewayKey key = keys.get(name);
        if (key == null) {
            err.println("tollgate: no gateway key '" + name + "' in keys.yaml (known: " + String.join(", ", keys.keySet()) + ")");
            err.flush();
            return null;
        }
        if (key.keyHash() != null) {
            // Config holds only the key's hash: whoever made the key (tollgate hash-key --generate) has its value.
            return "<the key of '" + name + "' (keys.yaml holds only its hash)>";
        }
        return secrets.key(key.keyEnv()).map(k -> k.reveal())
                .orElse("$" + key.keyEnv() + "   # not set yet: put it in the environment or .env");
    }
}
