package dev.tollgate.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration, as loaded from the config directory by {@link ConfigLoader}.
 *
 * @param gateway   how the gateway itself runs
 * @param profile   the budget profile that policy applies
 * @param providers provider name to its settings, in file order
 * @param models    catalog model name to its settings, in file order
 */
public record TollgateConfig(GatewaySettings gateway, BudgetProfile profile, Map<String, ProviderConfig> providers,
                             Map<String, ModelConfig> models) {

    public TollgateConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(profile, "profile");
        providers = orderedCopy(providers);
        models = orderedCopy(models);
    }

    static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
