package dev.tollgate.engine.cli;

import dev.tollgate.engine.PolicyLoader;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.plugin.ProviderPlugins;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.policy.RoundRobinCounters;

import java.io.PrintWriter;

/** The policy loaded the way {@code serve} loads it, for commands that inspect it without serving. */
record LoadedPolicy(ProviderPlugins plugins, PolicySnapshot snapshot) implements AutoCloseable {
    /** Exit status when the config or the rules are broken. */
    static final int BAD_POLICY = 2;

    static LoadedPolicy load(PolicyLocation location) throws ConfigException {
        ProviderPlugins plugins = ProviderPlugins.load(location.plugins());
        try {
            PolicyLoader loader = new PolicyLoader(location.config(), location.rules(), location.envFile(), plugins.adapters(),
                    new RoundRobinCounters(), new LatencyStats());
            return new LoadedPolicy(plugins, loader.load());
        } catch (ConfigException | RuntimeException e) {
            plugins.close();
            throw e;
        }
    }

    /** Prints every problem, one {@code file:line:column: message} per line, and returns {@link #BAD_POLICY}. */
    static int report(ConfigException broken, String what, PrintWriter err) {
        err.println("tollgate: the policy has errors, " + what + ":");
        broken.problems().forEach(problem -> err.println("  " + problem));
        err.flush();
        return BAD_POLICY;
    }

    @Override
    public void close() {
        plugins.close();
    }
}
