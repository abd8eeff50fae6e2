package dev.tollgate.engine.config;

/** How much a route cares about each capability and about price; a weight left out is 0. */
public record Weights(double coding, double reasoning, double speed, double cost) {
    public static final Weights DEFAULT = new Weights(0.4, 0.3, 0.1, 0.2);
}
