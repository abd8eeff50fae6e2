package dev.tollgate.engine.cli;

import dev.tollgate.engine.Gateway;
import dev.tollgate.engine.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tollgate serve}: run the gateway until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the gateway: load config/ and rules/, load plugins, listen for OpenAI-compatible requests.")
final class ServeCommand implements Callable<Integer> {
    /** Exit status when the config or the rules are broken. */
    static final int BAD_POLICY = 2;

    @Option(names = "--home", description = "Folder that config/, rules/, dist/plugins/, .env and the ledger are relative to "
            + "(default: $TOLLGATE_HOME, else the current folder).")
    Path home;

    @Option(names = "--config", description = "Config folder (default: <home>/config).")
    Path config;

    @Option(names = "--rules", description = "Rules folder (default: <home>/rules).")
    Path rules;

    @Option(names = "--plugins", description = "Plugins folder (default: <home>/dist/plugins).")
    Path plugins;

    @Option(names = "--env-file", description = "File with KEY=value provider keys (default: <home>/.env).")
    Path envFile;

    @Option(names = "--port", description = "Port to listen on (default: gateway.port from config, 4000).")
    Integer port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes your provider keys' use to the network).")
    String host;

    @Override
    public Integer call() throws Exception {
        Path base = home != null ? home : Path.of(System.getenv().getOrDefault("TOLLGATE_HOME", "."));
        Gateway.Options options = new Gateway.Options(base,
                config != null ? config : base.resolve("config"),
                rules != null ? rules : base.resolve("rules"),
                plugins != null ? plugins : base.resolve("dist/plugins"),
                envFile != null ? envFile : base.resolve(".env"),
                port, host);
        Gateway gateway;
        try {
            gateway = Gateway.start(options);
        } catch (ConfigException e) {
            System.err.println("tollgate: the policy has errors, not starting:");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            return BAD_POLICY;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                System.err.println("tollgate: error while stopping: " + e.getMessage());
            }
        }, "tollgate-shutdown"));
        gateway.awaitStop();
        return 0;
    }
}
