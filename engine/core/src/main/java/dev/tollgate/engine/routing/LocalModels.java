package dev.tollgate.engine.routing;

import dev.tollgate.engine.config.ModelConfig;
import dev.tollgate.engine.config.Price;
import dev.tollgate.engine.config.TollgateConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models a local server (Ollama, llama.cpp, vLLM) lists, added to the catalog as free models
 * named {@code <provider>/<id>}, unless models.yaml already has them. Their capabilities are
 * unknown, so they get modest ones; give a model its own models.yaml entry to say better.
 */
public final class LocalModels {
    /** A context window every current local model reads; the server's own limit is not in its listing. */
    static final int CONTEXT_WINDOW = 8192;
    static final double QUALITY = 0.4;

    private LocalModels() {
    }

    public static TollgateConfig added(TollgateConfig config, ProviderHealth health) {
        Map<String, ModelConfig> models = new LinkedHashMap<>(config.models());
        boolean added = false;
        for (String provider : config.providers().keySet()) {
            for (String id : health.localModels(provider)) {
                String name = provider + "/" + id;
                boolean known = models.containsKey(name) || models.values().stream()
                        .anyMatch(m -> m.provider().equals(provider) && m.upstream().equals(id));
                if (!known) {
                    models.put(name, new ModelConfig(provider, id, CONTEXT_WINDOW, Price.ZERO, true, QUALITY, null, null, null,
                            false, true, "local"));
                    added = true;
                }
            }
        }
        return added ? new TollgateConfig(config.gateway(), config.profile(), config.profiles(), config.providers(), models,
                config.keys(), config.routes(), config.classifier(), config.coders(), config.workflows(), config.store(),
                config.budgets(), config.escalation(), config.alerts(), config.savings()) : config;
    }
}
