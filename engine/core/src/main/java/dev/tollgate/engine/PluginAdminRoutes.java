package dev.tollgate.engine;

import dev.tollgate.engine.http.AdminAccess;
import dev.tollgate.engine.http.ReportPlugins;
import dev.tollgate.engine.plugin.ProviderPlugins;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import org.apache.camel.builder.RouteBuilder;

/** The plugins' admin API: what is loaded and why the rest is not; take in jars dropped into the folder now. */
final class PluginAdminRoutes extends RouteBuilder {
    private final PolicyHolder policy;
    private final ProviderPlugins plugins;
    private final Runnable reload;

    /** @param reload reloads the plugins, then the policy, so that new adapters become routable */
    PluginAdminRoutes(PolicyHolder policy, ProviderPlugins plugins, Runnable reload) {
        this.policy = policy;
        this.plugins = plugins;
        this.reload = reload;
    }

    @Override
    public void configure() {
        from("platform-http:/admin/api/plugins?httpMethodRestrict=GET").routeId("admin-plugins")
                .process(exchange -> exchange.setProperty(PolicySnapshot.PROPERTY, policy.current())).id("admin-plugins-take-policy")
                .process(new AdminAccess()).id("admin-plugins-access")
                .process(ReportPlugins.list(plugins)).id("report-plugins");

        from("platform-http:/admin/api/plugins/reload?httpMethodRestrict=POST").routeId("admin-plugins-reload")
                .process(exchange -> exchange.setProperty(PolicySnapshot.PROPERTY, policy.current()))
                .id("admin-plugins-reload-take-policy")
                .process(new AdminAccess()).id("admin-plugins-reload-access")
                .process(ReportPlugins.afterReload(plugins, reload)).id("reload-plugins");
    }
}
