package dev.tollgate.spi;

/**
 * One upstream call: where to send it, which upstream model to ask for, and the canonical request.
 *
 * @param endpoint      the provider's base URL, key and timeouts
 * @param upstreamModel the model id the upstream knows (may differ from the gateway's model name)
 * @param request       the canonical request; its {@code model} is the gateway's name, not the upstream's
 */
public record ProviderCall(ProviderEndpoint endpoint, String upstreamModel, ChatRequest request) {
}
