package dev.tollgate.engine.http;

import dev.tollgate.engine.config.OverlayFile;
import dev.tollgate.engine.config.RouteConfig;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.policy.PolicyHolder;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/api/config}: what the dashboard's config editor shows, and the overlay file's text. */
public final class ReportConfig implements Processor {
    private final PolicyHolder policy;
    private final OverlayFile overlay;

    public ReportConfig(PolicyHolder policy, OverlayFile overlay) {
        this.policy = policy;
        this.overlay = overlay;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        TollgateConfig config = policy.current().config();
        List<Map<String, Object>> providers = new ArrayList<>();
        config.providers().forEach((name, provider) -> providers.add(Map.of("name", name, "enabled", provider.enabled())));
        List<Map<String, Object>> models = new ArrayList<>();
        config.models().forEach((name, model) -> models.add(Map.of("name", name, "provider", model.provider(),
                "free", model.free(), "enabled", model.enabled())));
        List<Map<String, Object>> routes = new ArrayList<>();
        for (RouteConfig route : config.routes()) {
            routes.add(Map.of("name", route.name(), "strategy", route.strategy().toString(), "candidates", route.candidates()));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("version", policy.current().version());
        reply.put("providers", providers);
        reply.put("models", models);
        reply.put("routes", routes);
        reply.put("overlayFile", OverlayFile.NAME);
        reply.put("overlay", overlay.text());
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(reply));
    }
}
