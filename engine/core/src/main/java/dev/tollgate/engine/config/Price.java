package dev.tollgate.engine.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a model costs, in USD per million tokens.
 *
 * @param input  per million prompt tokens
 * @param output per million completion tokens
 */
public record Price(BigDecimal input, BigDecimal output) {

    public Price {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    /** The price of a model whose catalog entry names none. */
    public static final Price ZERO = new Price(BigDecimal.ZERO, BigDecimal.ZERO);
}
