package dev.tollgate.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach one configured provider.
 *
 * @param provider       the provider's name in config, for error messages
 * @param baseUrl        the API base, e.g. {@code https://api.groq.com/openai/v1}
 * @param apiKey         the key, or {@code null} for providers that need none (local servers)
 * @param headers        extra headers to send with every call
 * @param connectTimeout how long to wait for a connection
 * @param timeout        how long to wait for the upstream's response headers (and, when not
 *                       streaming, its whole body)
 */
public record ProviderEndpoint(String provider, URI baseUrl, ApiKey apiKey, Map<String, String> headers,
                               Duration connectTimeout, Duration timeout) {

    public ProviderEndpoint {
        headers = Map.copyOf(headers);
    }
}
