package dev.tollgate.engine.config;

/**
 * One entry of the {@code models} catalog.
 *
 * @param provider      the name of the provider (a key of the {@code providers} section) serving the model
 * @param upstream      the model id the provider knows it by
 * @param contextWindow tokens the model can read
 * @param price         what a million tokens cost
 * @param free          whether using the model costs nothing
 * @param quality       general capability, 0 to 1
 * @param coding        coding capability, 0 to 1 (defaults to {@code quality})
 * @param reasoning     reasoning capability, 0 to 1 (defaults to {@code quality})
 * @param speed         speed, 0 to 1 (defaults to 0.5)
 * @param vision        whether it reads images (default false)
 * @param tools         whether it calls tools (default true)
 * @param tier          free text such as {@code small} or {@code frontier}, or {@code null}
 * @param enabled       {@code false} keeps the model out of every decision (default true)
 */
public record ModelConfig(String provider, String upstream, int contextWindow, Price price, boolean free,
                          double quality, Double coding, Double reasoning, Double speed, boolean vision, Boolean tools,
                          String tier, Boolean enabled) {
    private static final double DEFAULT_SPEED = 0.5;

    public ModelConfig {
        price = price == null ? Price.ZERO : price;
        coding = coding == null ? quality : coding;
        reasoning = reasoning == null ? quality : reasoning;
        speed = speed == null ? DEFAULT_SPEED : speed;
        tools = tools == null || tools;
        enabled = enabled == null || enabled;
    }

    /** An enabled model. */
    public ModelConfig(String provider, String upstream, int contextWindow, Price price, boolean free, double quality,
                       Double coding, Double reasoning, Double speed, boolean vision, Boolean tools, String tier) {
        this(provider, upstream, contextWindow, price, free, quality, coding, reasoning, speed, vision, tools, tier, true);
    }
}
