package dev.tollgate.engine.config;

import java.util.List;

/**
 * The {@code alerts} section: where budget alerts go.
 *
 * @param endpoints Camel endpoint URIs, each sent every alert: {@code log:tollgate.budget}, {@code file:…},
 *                  an HTTP webhook ({@code https://…}), {@code smtp:…} (needs camel-mail on the class path), …
 */
public record AlertsConfig(List<String> endpoints) {

    public AlertsConfig {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** Without an {@code alerts} section, alerts are logged. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(List.of("log:tollgate.budget?level=WARN&showHeaders=false&showExchangePattern=false&showBodyType=false"));
    }
}
