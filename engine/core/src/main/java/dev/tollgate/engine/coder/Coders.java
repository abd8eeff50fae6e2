package dev.tollgate.engine.coder;

import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The loaded {@link CoderAdapter}s, asked in order of their ids; the first that recognises a
 * request names its coder. An adapter that throws is skipped (and logged): recognition must never
 * fail a request.
 */
public final class Coders {
    private static final Logger LOG = LoggerFactory.getLogger(Coders.class);

    private final List<CoderAdapter> adapters;

    public Coders(List<CoderAdapter> adapters) {
        this.adapters = adapters.stream().sorted(Comparator.comparing(CoderAdapter::id)).toList();
    }

    public List<CoderAdapter> adapters() {
        return adapters;
    }

    public Optional<CoderAdapter> find(String id) {
        return adapters.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /**
     * @param keyCoder the coder the caller's gateway key names, or {@code null}: it wins, while
     *                 that coder's adapter still gives the request's hints
     */
    public CoderIdentity identify(CoderRequest request, String keyCoder) {
        if (keyCoder != null) {
            CoderHints hints = find(keyCoder).flatMap(a -> recognise(a, request)).orElse(null);
            return new CoderIdentity(keyCoder, hints);
        }
        for (CoderAdapter adapter : adapters) {
            Optional<CoderHints> hints = recognise(adapter, request);
            if (hints.isPresent()) {
                return new CoderIdentity(adapter.id(), hints.get());
            }
        }
        return CoderIdentity.UNKNOWN;
    }

    private static Optional<CoderHints> recognise(CoderAdapter adapter, CoderRequest request) {
        try {
            return adapter.recognise(request);
        } catch (RuntimeException e) {
            LOG.warn("coder adapter '{}' failed on a request and was skipped: {}", adapter.id(), e.toString());
            return Optional.empty();
        }
    }
}
