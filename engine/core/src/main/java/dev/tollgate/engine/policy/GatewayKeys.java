package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.GatewayKey;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.spi.ApiKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway keys of config ({@code keys}), by their secret value, as the callers they identify. */
public final class GatewayKeys {

    /**
     * Who is calling.
     *
     * @param name      the key's name in config (kept in the ledger, never its value)
     * @param team      the key's team, or {@code null}
     * @param profile   the key's profile, or {@code null} for the global one
     * @param allowPaid the key's paid opt-in, or {@code null} for the profile's
     * @param coder     the coder the key names, or {@code null} to recognise it from the request
     * @param domain    the key's domain of work, or {@code null}
     */
    public record Caller(String name, String team, BudgetProfile profile, Boolean allowPaid, String coder, String domain) {
        public static final Caller ANONYMOUS = new Caller(null, null, null, null, null, null);
    }

    private final Map<String, Caller> byValue;
    private final List<String> problems;

    private GatewayKeys(Map<String, Caller> byValue, List<String> problems) {
        this.byValue = Map.copyOf(byValue);
        this.problems = List.copyOf(problems);
    }

    public static GatewayKeys of(Map<String, GatewayKey> keys, SecretSource secrets) {
        Map<String, Caller> byValue = new HashMap<>();
        List<String> problems = new ArrayList<>();
        keys.forEach((name, key) -> {
            Optional<ApiKey> value = secrets.key(key.keyEnv());
            if (value.isEmpty()) {
                problems.add("gateway key '" + name + "' is disabled: set " + key.keyEnv() + " in the environment or in .env");
            } else {
                byValue.put(value.get().reveal(), new Caller(name, key.team(), key.profile(), key.allowPaid(),
                        key.coder(), key.domain()));
            }
        });
        return new GatewayKeys(byValue, problems);
    }

    public Optional<Caller> find(String presented) {
        return Optional.ofNullable(byValue.get(presented));
    }

    /** Keys configured but unusable (their secret is not set), one line each. */
    public List<String> problems() {
        return problems;
    }
}
