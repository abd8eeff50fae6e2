package dev.tollgate.engine.config;

/**
 * A gateway key ({@code keys} section): who may call, on what terms. The key's value is never in config.
 *
 * @param keyEnv    the environment (or .env) variable holding the key's value
 * @param profile   the key's profile, or {@code null} for the global one
 * @param allowPaid the key's paid opt-in (or opt-out), or {@code null} for the profile's
 * @param team      the key's team, or {@code null}
 * @param coder     the coder this key is for ({@code cline}, {@code claude-code}…), which wins over recognition, or {@code null}
 * @param domain    the kind of work done with this key ({@code docs}, {@code backend}…), a policy fact, or {@code null}
 */
public record GatewayKey(String keyEnv, BudgetProfile profile, Boolean allowPaid, String team, String coder, String domain) {

    public GatewayKey(String keyEnv, BudgetProfile profile, Boolean allowPaid, String team) {
        this(keyEnv, profile, allowPaid, team, null, null);
    }
}
