package dev.tollgate.engine.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code gateway} section: how the gateway process itself runs.
 *
 * @param port                   the HTTP port to listen on
 * @param maxBodyBytes           the largest request body accepted
 * @param ledger                 where the cost ledger lives (a SQLite file path or a JDBC URL)
 * @param autoAliases            model names a coder may send to let policy choose the model
 * @param upstreamTimeoutSeconds how long to wait for a provider's whole answer
 * @param connectTimeoutSeconds  how long to wait for a connection to a provider
 * @param requireKey             whether only callers with a key from {@code keys} are served; {@code null} (the
 *                               default): exactly when some key is configured
 * @param healthCheckSeconds     how often every provider's models listing is checked; 0: never
 * @param otlpTracesEndpoint     where to send OpenTelemetry traces (OTLP over HTTP, e.g.
 *                               {@code http://127.0.0.1:4318/v1/traces}), or {@code null}: no tracing (the default)
 */
public record GatewaySettings(int port, long maxBodyBytes, String ledger, List<String> autoAliases,
                              int upstreamTimeoutSeconds, int connectTimeoutSeconds, Boolean requireKey,
                              int healthCheckSeconds, URI otlpTracesEndpoint) {

    public GatewaySettings {
        // Not List.copyOf: an empty item must reach validation, which reports it at its place.
        autoAliases = autoAliases == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(autoAliases));
    }

    /** Settings without trace export or health checks. */
    public GatewaySettings(int port, long maxBodyBytes, String ledger, List<String> autoAliases,
                           int upstreamTimeoutSeconds, int connectTimeoutSeconds, Boolean requireKey, int healthCheckSeconds) {
        this(port, maxBodyBytes, ledger, autoAliases, upstreamTimeoutSeconds, connectTimeoutSeconds, requireKey,
                healthCheckSeconds, null);
    }

    /** Whether a request must present a known gateway key, given whether any key is configured. */
    public boolean keyRequired(boolean keysConfigured) {
        return requireKey == null ? keysConfigured : requireKey;
    }

    /** The settings used for every key the {@code gateway} section leaves out. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(4000, 10_485_760L, "data/ledger.db", List.of("auto", "tollgate/auto"), 120, 10,
                null, 0, null);
    }
}
