package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.spi.ApiKey;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the admin API: with {@code TOLLGATE_ADMIN_KEY} set (environment or .env), whoever sends it
 * as a bearer token; without it, only callers on this machine.
 */
public final class AdminAccess implements Processor {
    static final String KEY_VARIABLE = "TOLLGATE_ADMIN_KEY";

    @Override
    public void process(Exchange exchange) throws ApiError {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        Optional<ApiKey> adminKey = policy.secrets().key(KEY_VARIABLE);
        if (adminKey.isPresent()) {
            if (!presents(exchange.getMessage().getHeader("Authorization", String.class), adminKey.get())) {
                throw new ApiError(401, "authentication_error", "invalid_admin_key", null,
                        "the admin API needs 'Authorization: Bearer <the value of " + KEY_VARIABLE + ">'", null);
            }
        } else if (!fromThisMachine(exchange)) {
            throw new ApiError(403, "permission_error", "admin_local_only", null,
                    "the admin API answers only callers on this machine while " + KEY_VARIABLE
                            + " is unset; set it in the environment or .env to allow others", null);
        }
    }

    private static boolean presents(String authorization, ApiKey adminKey) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Constant time: the comparison must not tell a caller how much of the key it has right.
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                adminKey.reveal().getBytes(StandardCharsets.UTF_8));
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
