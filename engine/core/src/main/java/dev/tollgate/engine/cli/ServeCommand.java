package dev.tollgate.engine.cli;

import dev.tollgate.engine.Gateway;
import dev.tollgate.engine.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code tollgate serve}: run the gateway until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the gateway: load config/ and rules/, load plugins, listen for OpenAI-compatible requests.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    PolicyLocation location;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (default: gateway.port from config, 4000).")
    Integer port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes your provider keys' use to the network).")
    String host;

    @Override
    public Integer call() throws Exception {
        Gateway.Options options = new Gateway.Options(location.home(), location.config(), location.rules(),
                location.plugins(), location.envFile(), port, host);
        Gateway gateway;
        try {
            gateway = Gateway.start(options);
        } catch (ConfigException e) {
            return LoadedPolicy.report(e, "not starting", spec.commandLine().getErr());
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
