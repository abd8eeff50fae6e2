package dev.tollgate.engine.routing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the latest health checks found: the providers that failed theirs, with the reason, and the
 * models local servers (Ollama, llama.cpp, vLLM) list. {@link ProviderRegistry} keeps a failing
 * provider out of the callable ones, so that the decision skips its models and says why.
 */
public final class ProviderHealth {
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Map<String, List<String>> localModels = new ConcurrentHashMap<>();

    /** Records one check; returns whether anything the policy sees changed. */
    public boolean record(String provider, String failure, List<String> models, boolean local) {
        boolean changed;
        if (failure == null) {
            changed = failing.remove(provider) != null;
        } else {
            changed = !failure.equals(failing.put(provider, failure));
        }
        if (local && failure == null) {
            changed |= !List.copyOf(models).equals(localModels.put(provider, List.copyOf(models)));
        }
        return changed;
    }

    /** Why {@code provider} failed its latest check, or {@code null} when it passed or was never checked. */
    public String failure(String provider) {
        return failing.get(provider);
    }

    /** The model ids a local server listed at its latest check (empty when unknown). */
    public List<String> localModels(String provider) {
        return localModels.getOrDefault(provider, List.of());
    }
}
