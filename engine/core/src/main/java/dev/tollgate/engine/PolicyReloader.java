package dev.tollgate.engine;

import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ConfigProblem;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replaces the policy in force with a freshly loaded one, whole, and only when the new one loaded
 * cleanly: a broken edit is reported (file, line, column) and the old policy keeps serving.
 * One reload runs at a time; requests never wait for it, they keep the snapshot they started with.
 */
public final class PolicyReloader {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);

    /**
     * How the latest attempt to load the policy went.
     *
     * @param inForce  the policy serving after the attempt: the new one, or the old one when it was rejected
     * @param at       when the attempt was made
     * @param problems why the attempt was rejected; empty when it loaded
     */
    public record ReloadResult(PolicySnapshot inForce, Instant at, List<ConfigProblem> problems) {
        public ReloadResult {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final PolicyLoader loader;
    private final PolicyHolder holder;
    private final Consumer<ReloadResult> onReload;
    private volatile ReloadResult last;

    public PolicyReloader(PolicyLoader loader, PolicyHolder holder) {
        this(loader, holder, result -> { });
    }

    /** @param onReload told of every attempt, after it took effect (for metrics) */
    public PolicyReloader(PolicyLoader loader, PolicyHolder holder, Consumer<ReloadResult> onReload) {
        this.loader = loader;
        this.holder = holder;
        this.onReload = onReload;
        PolicySnapshot initial = holder.current();
        this.last = new ReloadResult(initial, initial.loadedAt(), List.of());
    }

    public synchronized ReloadResult reload() {
        Instant at = Instant.now();
        PolicySnapshot next;
        try {
            next = loader.load();
        } catch (ConfigException e) {
            return rejected(at, e.problems());
        } catch (RuntimeException e) {
            // A bug rather than a bad edit (the loader reports those as problems): keep serving, keep the trace.
            LOG.error("policy reload failed inside the gateway", e);
            return rejected(at, List.of(ConfigProblem.in(loader.configDir(), "the policy could not be built: " + e)));
        }
        holder.swap(next);
        last = new ReloadResult(next, at, List.of());
        LOG.info("policy v{} loaded: {}", next.version(), next.summary());
        next.providers().unavailable().forEach((name, reason) -> LOG.warn("provider {}: skipped, {}", name, reason));
        next.keys().problems().forEach(LOG::warn);
        onReload.accept(last);
        return last;
    }

    /** The latest attempt; before any reload, the policy loaded at start. */
    public ReloadResult lastReload() {
        return last;
    }

    private ReloadResult rejected(Instant at, List<ConfigProblem> problems) {
        PolicySnapshot old = holder.current();
        problems.forEach(problem -> LOG.warn("policy edit rejected, v{} keeps serving: {}", old.version(), problem));
        last = new ReloadResult(old, at, problems);
        onReload.accept(last);
        return last;
    }
}
