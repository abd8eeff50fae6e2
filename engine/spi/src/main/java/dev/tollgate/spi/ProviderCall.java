package dev.tollgate.spi;

import java.util.function.Consumer;

/**
 * One upstream call: where to send it, which upstream model to ask for, and the canonical request.
 *
 * @param endpoint      the provider's base URL, key and timeouts
 * @param upstreamModel the model id the upstream knows (may differ from the gateway's model name)
 * @param request       the canonical request; its {@code model} is the gateway's name, not the upstream's
 * @param rateLimits    told what the upstream's rate-limit headers said, when it sent any (answer or error)
 */
public record ProviderCall(ProviderEndpoint endpoint, String upstreamModel, ChatRequest request,
                           Consumer<RateLimitStatus> rateLimits) {

    public ProviderCall {
        rateLimits = rateLimits == null ? status -> { } : rateLimits;
    }

    /** A call whose rate-limit headers nobody reads. */
    public ProviderCall(ProviderEndpoint endpoint, String upstreamModel, ChatRequest request) {
        this(endpoint, upstreamModel, request, null);
    }
}
