package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.GatewayKey;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.spi.ApiKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway keys of config ({@code keys}) as the callers they identify. Only each key's SHA-256
 * digest is kept, and a presented key is compared with every one of them in constant time: how
 * long the answer takes tells a caller nothing about how much of a key it guessed right.
 */
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

    private record Known(byte[] digest, Caller caller) {
    }

    private final List<Known> known;
    private final List<String> problems;

    private GatewayKeys(List<Known> known, List<String> problems) {
        this.known = List.copyOf(known);
        this.problems = List.copyOf(problems);
    }

    public static GatewayKeys of(Map<String, GatewayKey> keys, SecretSource secrets) {
        List<Known> known = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        keys.forEach((name, key) -> {
            Optional<ApiKey> value = secrets.key(key.keyEnv());
            if (value.isEmpty()) {
                problems.add("gateway key '" + name + "' is disabled: set " + key.keyEnv() + " in the environment or in .env");
            } else {
                known.add(new Known(sha256(value.get().reveal()), new Caller(name, key.team(), key.profile(), key.allowPaid(),
                        key.coder(), key.domain())));
            }
        });
        return new GatewayKeys(known, problems);
    }

    public Optional<Caller> find(String presented) {
        byte[] digest = sha256(presented);
        Caller found = null;
        // No early exit and no hash lookup: every key is compared, each with MessageDigest.isEqual.
        for (Known key : known) {
            if (MessageDigest.isEqual(digest, key.digest()) && found == null) {
                found = key.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Keys configured but unusable (their secret is not set), one line each. */
    public List<String> problems() {
        return problems;
    }
}
