package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.GatewayKey;
import dev.tollgate.engine.config.KeyHash;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.spi.ApiKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway keys of config ({@code keys}) as the callers they identify, held by their SHA-256 hash only:
 * a presented key is hashed and looked up, so no key's value stays in memory past loading.
 */
public final class GatewayKeys {

    /**
     * Who is calling.
     *
     * @param name      the key's name in config (kept in the ledger, never its value)
     * @param team      the key's team, or {@code null}
     * @param profile   the key's profile, or {@code null} for the global one
     * @param allowPaid the key's paid opt-in, or {@code null} for the profile's
     */
    public record Caller(String name, String team, BudgetProfile profile, Boolean allowPaid) {
        public static final Caller ANONYMOUS = new Caller(null, null, null, null);
    }

    private final Map<String, Caller> byHash;
    private final List<String> problems;

    private GatewayKeys(Map<String, Caller> byHash, List<String> problems) {
        this.byHash = Map.copyOf(byHash);
        this.problems = List.copyOf(problems);
    }

    public static GatewayKeys of(Map<String, GatewayKey> keys, SecretSource secrets) {
        Map<String, Caller> byHash = new HashMap<>();
        List<String> problems = new ArrayList<>();
        keys.forEach((name, key) -> {
            Caller caller = new Caller(name, key.team(), key.profile(), key.allowPaid());
            if (key.keyHash() != null) {
                byHash.put(key.keyHash().toLowerCase(Locale.ROOT), caller);
                return;
            }
            Optional<ApiKey> value = secrets.key(key.keyEnv());
            if (value.isEmpty()) {
                problems.add("gateway key '" + name + "' is disabled: set " + key.keyEnv() + " in the environment or in .env");
            } else {
                byHash.put(KeyHash.of(value.get().reveal()), caller);
            }
        });
        return new GatewayKeys(byHash, problems);
    }

    public Optional<Caller> find(String presented) {
        return Optional.ofNullable(byHash.get(KeyHash.of(presented)));
    }

    /** Whether any key can be used: then the OpenAI endpoints require one (unless gateway.require-key says false). */
    public boolean any() {
        return !byHash.isEmpty();
    }

    /** Keys configured but unusable (their secret is not set), one line each. */
    public List<String> problems() {
        return problems;
    }
}
