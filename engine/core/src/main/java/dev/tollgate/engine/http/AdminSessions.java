package dev.tollgate.engine.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Dashboard logins: a random session token per login, kept in memory (a restart logs everyone out). */
public final class AdminSessions {
    public static final String COOKIE = "tollgate_admin";
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Clock clock;

    public AdminSessions() {
        this(Clock.systemUTC());
    }

    AdminSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session's token. */
    String open() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        expiries.values().removeIf(now::isAfter);
        expiries.put(token, now.plus(LIFETIME));
        return token;
    }

    boolean valid(String token) {
        Instant expiry = token == null ? null : expiries.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    void close(String token) {
        if (token != null) {
            expiries.remove(token);
        }
    }

    /** The session token a request's {@code Cookie} header carries, or {@code null}. */
    static String tokenIn(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String cookie : cookieHeader.split(";")) {
            String trimmed = cookie.strip();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
