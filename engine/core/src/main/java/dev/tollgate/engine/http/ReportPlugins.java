package dev.tollgate.engine.http;

import dev.tollgate.engine.plugin.ProviderPlugins;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /admin/api/plugins} (and, with a reload first, {@code POST /admin/api/plugins/reload}):
 * every file in the plugins folder with its id, version, state, the provider adapters it
 * contributes and, for a skipped one, why.
 */
public final class ReportPlugins implements Processor {
    private final ProviderPlugins plugins;
    private final Runnable before;

    private ReportPlugins(ProviderPlugins plugins, Runnable before) {
        this.plugins = plugins;
        this.before = before;
    }

    public static ReportPlugins list(ProviderPlugins plugins) {
        return new ReportPlugins(plugins, () -> { });
    }

    /** Runs {@code reload} (the plugins, then the policy that routes to them), then reports. */
    public static ReportPlugins afterReload(ProviderPlugins plugins, Runnable reload) {
        return new ReportPlugins(plugins, reload);
    }

    @Override
    public void process(Exchange exchange) {
        before.run();
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(status(plugins)));
    }

    static Map<String, Object> status(ProviderPlugins plugins) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("folder", plugins.folder().toAbsolutePath().toString());
        status.put("plugins", plugins.statuses());
        status.put("adapters", plugins.adapters().keySet());
        status.put("coder-runners", plugins.coderRunners().keySet());
        status.put("problems", plugins.problems());
        return status;
    }
}
