package dev.tollgate.engine.http;

import dev.tollgate.engine.config.KeyHash;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.spi.ApiKey;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who may use the admin API and the dashboard: with {@code TOLLGATE_ADMIN_KEY} set (environment or .env;
 * its value may be the key's {@code sha256:} hash), whoever sends the key as a bearer token or has logged
 * in to the dashboard with it (a session cookie); without it, only callers on this machine.
 */
public final class AdminAccess implements Processor {
    public static final String KEY_VARIABLE = "TOLLGATE_ADMIN_KEY";

    private final AdminSessions sessions;

    public AdminAccess(AdminSessions sessions) {
        this.sessions = sessions;
    }

    /** Access by the bearer key (or from this machine) only, for routes the dashboard does not call. */
    public AdminAccess() {
        this(new AdminSessions());
    }

    @Override
    public void process(Exchange exchange) throws ApiError {
        Optional<ApiError> refusal = refusal(exchange);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** Why this exchange may not use the admin API, or empty when it may. */
    Optional<ApiError> refusal(Exchange exchange) {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        Optional<ApiKey> adminKey = policy.secrets().key(KEY_VARIABLE);
        if (adminKey.isPresent()) {
            if (sessions.valid(AdminSessions.tokenIn(exchange.getMessage().getHeader("Cookie", String.class)))
                    || KeyHash.matches(bearer(exchange.getMessage().getHeader("Authorization", String.class)), adminKey.get().reveal())) {
                return Optional.empty();
            }
            return Optional.of(new ApiError(401, "authentication_error", "invalid_admin_key", null,
                    "the admin API needs 'Authorization: Bearer <the admin key>' (the key " + KEY_VARIABLE
                            + " stands for), or a dashboard login", null));
        }
        if (fromThisMachine(exchange)) {
            return Optional.empty();
        }
        return Optional.of(new ApiError(403, "permission_error", "admin_local_only", null,
                "the admin API answers only callers on this machine while " + KEY_VARIABLE
                        + " is unset; set it in the environment or .env to allow others", null));
    }

    /** Whether a key is needed to log in (without one, this machine's callers need none). */
    static boolean keyConfigured(Exchange exchange) {
        return exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class).secrets().key(KEY_VARIABLE).isPresent();
    }

    static boolean keyMatches(Exchange exchange, String presented) {
        return exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class).secrets().key(KEY_VARIABLE)
                .map(key -> KeyHash.matches(presented, key.reveal())).orElse(false);
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private static boolean fromThisMachine(Exchange exchange) {
        HttpMessage message = exchange.getMessage(HttpMessage.class);
        SocketAddress remote = message == null ? null : message.getRequest().remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return false;
        }
        try {
            // An address literal: no name lookup happens here.
            return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
