package dev.tollgate.engine.cli;

import dev.tollgate.engine.plugin.ProviderPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code tollgate plugins}: loads the plugins folder as {@code serve} does and lists each file with
 * its plugin id, version, state and provider adapters; a skipped file is named with the reason
 * (exit 1). A running gateway shows the same at {@code GET /admin/api/plugins}.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the plugins in the plugins folder, the provider adapters they contribute, and the ones skipped.")
final class PluginsCommand implements Callable<Integer> {
    /** Exit status when a plugin file was skipped. */
    static final int SKIPPED = 1;

    @Mixin
    PolicyLocation location;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ProviderPlugins plugins = ProviderPlugins.load(location.plugins())) {
            out.println("plugins in " + location.plugins().toAbsolutePath().normalize() + ":");
            if (plugins.statuses().isEmpty()) {
                out.println("  (none)");
            }
            for (ProviderPlugins.PluginStatus plugin : plugins.statuses()) {
                out.printf("  %-24s %-18s %-8s %s%s%n", plugin.file(), plugin.id() == null ? "-" : plugin.id(),
                        plugin.version() == null ? "-" : plugin.version(), plugin.state(),
                        (plugin.adapters().isEmpty() ? "" : "  adapters: " + String.join(", ", plugin.adapters()))
                                + (plugin.coderRunners().isEmpty() ? "" : "  coder runners: " + String.join(", ", plugin.coderRunners())));
                if (plugin.problem() != null) {
                    out.println("      skipped: " + plugin.problem());
                }
            }
            out.flush();
            return plugins.problems().isEmpty() ? 0 : SKIPPED;
        }
    }
}
