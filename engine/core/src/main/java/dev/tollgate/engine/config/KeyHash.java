package dev.tollgate.engine.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Keys as the gateway stores them: {@code sha256:<hex>}. A stored value without that prefix is a key in
 * clear (from the environment or .env) and is hashed before comparing. Comparison is in constant time, so
 * that how long a refusal takes tells a caller nothing about how close its guess was. Unsalted SHA-256
 * suits random keys (what {@code tollgate hash-key --generate} makes), not passwords a person chose.
 */
public final class KeyHash {
    public static final String PREFIX = "sha256:";

    private KeyHash() {
    }

    public static String of(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether {@code presented} is the key {@code stored} (a hash, or a key in clear) stands for. */
    public static boolean matches(String presented, String stored) {
        if (presented == null || stored == null) {
            return false;
        }
        String expected = isHash(stored) ? stored.toLowerCase(Locale.ROOT) : of(stored);
        return MessageDigest.isEqual(of(presented).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean isHash(String value) {
        return value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                && value.substring(PREFIX.length()).matches("[0-9a-fA-F]{64}");
    }
}
