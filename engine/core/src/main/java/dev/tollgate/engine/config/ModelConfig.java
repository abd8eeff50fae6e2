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
 */
public record ModelConfig(String provider, String upstream, int contextWindow, Price price, boolean free,
                          double quality) {

    public ModelConfig {
        price = price == null ? Price.ZERO : price;
    }
}
