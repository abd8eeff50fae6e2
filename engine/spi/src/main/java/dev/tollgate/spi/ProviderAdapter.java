package dev.tollgate.spi;

import org.pf4j.ExtensionPoint;

import java.util.List;

/**
 * Speaks one upstream wire API. One adapter serves every provider configured with its {@link #id()}
 * as {@code plugin}; the call carries the provider's endpoint and key.
 *
 * <p>Implementations translate the canonical request to the upstream's format, call it, and
 * translate the answer back. Every upstream failure is reported as a {@link ProviderException}
 * whose {@link ProviderFailure} the gateway uses to decide whether to fall back.
 */
public interface ProviderAdapter extends ExtensionPoint {

    /** The name providers refer to in config ({@code plugin: <id>}). */
    String id();

    /** A non-streaming completion. */
    ChatResponse complete(ProviderCall call) throws ProviderException;

    /**
     * A streaming completion: hands every chunk to {@code sink} as soon as it arrives and returns
     * when the upstream stream has ended. A failure before the first chunk is thrown as a
     * {@link ProviderException} so that the gateway can still fall back.
     */
    void stream(ProviderCall call, ChunkSink sink) throws ProviderException;

    /**
     * The model ids the upstream offers now (its models listing): the gateway's health check, and
     * how local servers' models are discovered. Failures are reported as for a completion. An
     * adapter that cannot list models keeps this default, and its providers are not health-checked.
     *
     * @throws UnsupportedOperationException when the upstream has no models listing
     */
    default List<String> listModels(ProviderEndpoint endpoint) throws ProviderException {
        throw new UnsupportedOperationException(id() + " cannot list models");
    }
}
