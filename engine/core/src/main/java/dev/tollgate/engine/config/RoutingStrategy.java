package dev.tollgate.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a route orders its candidates. */
public enum RoutingStrategy {
    @JsonProperty("priority") PRIORITY("priority"),
    @JsonProperty("cheapest-capable") CHEAPEST_CAPABLE("cheapest-capable"),
    @JsonProperty("capability-score") CAPABILITY_SCORE("capability-score"),
    @JsonProperty("round-robin") ROUND_ROBIN("round-robin"),
    @JsonProperty("lowest-latency") LOWEST_LATENCY("lowest-latency"),
    @JsonProperty("experiment") EXPERIMENT("experiment");

    private final String yamlName;

    RoutingStrategy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name written in {@code routes.yaml}. */
    public String yamlName() {
        return yamlName;
    }

    /** The YAML name, so that error messages list what a user can write. */
    @Override
    public String toString() {
        return yamlName;
    }
}
