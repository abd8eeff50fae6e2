package dev.tollgate.engine.policy;

import java.math.BigDecimal;

/**
 * A catalog model that could serve the request, as the rules see it.
 *
 * @param model         the catalog name
 * @param provider      the provider serving it
 * @param free          whether using it costs nothing
 * @param inputPrice    USD per million prompt tokens
 * @param outputPrice   USD per million completion tokens
 * @param contextWindow tokens the model can read
 * @param quality       general capability, 0–1
 */
public record Candidate(String model, String provider, boolean free, BigDecimal inputPrice, BigDecimal outputPrice,
                        int contextWindow, double quality) {
}
