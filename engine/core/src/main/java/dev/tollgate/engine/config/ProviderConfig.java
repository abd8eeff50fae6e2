package dev.tollgate.engine.config;

import java.net.URI;
import java.util.Map;

/**
 * One entry of the {@code providers} section.
 *
 * @param plugin    the id of the provider plugin that speaks to this provider
 * @param baseUrl   the absolute http(s) URL the plugin's endpoints are relative to
 * @param apiKeyEnv the environment variable holding the key, or {@code null} when the provider needs none
 * @param headers   extra HTTP headers sent with every request, in file order
 * @param enabled   {@code false} keeps the provider's models out of every decision (default true)
 */
public record ProviderConfig(String plugin, URI baseUrl, String apiKeyEnv, Map<String, String> headers, Boolean enabled) {

    public ProviderConfig {
        headers = TollgateConfig.orderedCopy(headers);
        enabled = enabled == null || enabled;
    }

    /** An enabled provider. */
    public ProviderConfig(String plugin, URI baseUrl, String apiKeyEnv, Map<String, String> headers) {
        this(plugin, baseUrl, apiKeyEnv, headers, true);
    }
}
