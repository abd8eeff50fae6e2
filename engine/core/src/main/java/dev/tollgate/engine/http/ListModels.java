package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models}: the aliases and every catalog model whose provider can be called now (it has
 * its plugin and key and passed its latest health check), local servers' discovered models included;
 * each says whether it is {@code free}.
 */
public final class ListModels implements Processor {
    private final PolicyHolder policy;

    public ListModels(PolicyHolder policy) {
        this.policy = policy;
    }

    @Override
    public void process(Exchange exchange) {
        PolicySnapshot current = policy.current();
        List<Map<String, Object>> data = new ArrayList<>();
        for (String alias : current.config().gateway().autoAliases()) {
            data.add(model(alias, "tollgate"));
        }
        current.config().models().forEach((name, model) -> {
            if (current.providers().routes().containsKey(model.provider())) {
                Map<String, Object> entry = model(name, model.provider());
                entry.put("free", model.free());
                data.add(entry);
            }
        });
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(Map.of("object", "list", "data", data)));
    }

    private static Map<String, Object> model(String id, String ownedBy) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id);
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", ownedBy);
        return model;
    }
}
