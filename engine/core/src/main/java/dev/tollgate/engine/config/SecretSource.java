package dev.tollgate.engine.config;

import dev.tollgate.spi.ApiKey;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where provider keys come from: the environment, then a {@code .env} file. Real environment variables win, so
 * that a key exported for one run overrides the file. Every secret it knows can be {@linkplain #redact redacted}
 * from text before that text reaches a log or an error message.
 */
public final class SecretSource {
    /** Shorter values are too likely to occur in ordinary text to be replaced there. */
    private static final int SHORTEST_REDACTED = 6;
    private static final String REDACTED = "***";

    private final Map<String, String> environment;
    private final Map<String, String> dotEnv;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    private SecretSource(Map<String, String> environment, Map<String, String> dotEnv) {
        this.environment = Map.copyOf(environment);
        this.dotEnv = dotEnv;
        dotEnv.values().forEach(this::remember);
    }

    /** The process environment, then {@code dotEnvFile} if it exists. */
    public static SecretSource load(Path dotEnvFile) throws ConfigException {
        return load(dotEnvFile, System.getenv());
    }

    /** The given environment, then {@code dotEnvFile} if it exists. */
    public static SecretSource load(Path dotEnvFile, Map<String, String> environment) throws ConfigException {
        return new SecretSource(environment, DotEnvFile.read(dotEnvFile));
    }

    /** The given environment alone. */
    public static SecretSource of(Map<String, String> environment) {
        return new SecretSource(environment, Map.of());
    }

    /** @return the key held by the variable, or empty when the variable is unset or blank */
    public Optional<ApiKey> key(String variableName) {
        String value = environment.get(variableName);
        if (value == null || value.isBlank()) {
            value = dotEnv.get(variableName);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String secret = value.strip();
        remember(secret);
        return Optional.of(new ApiKey(secret));
    }

    /** Replaces every secret this source has handed out or read from {@code .env} with {@code ***}. */
    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String redacted = text;
        // Longest first, so that a secret containing another is replaced whole.
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            redacted = redacted.replace(secret, REDACTED);
        }
        return redacted;
    }

    private void remember(String secret) {
        if (secret.length() >= SHORTEST_REDACTED) {
            secrets.add(secret);
        }
    }
}
