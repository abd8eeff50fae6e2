package dev.tollgate.engine.ledger;

import dev.tollgate.engine.config.Price;
import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.spi.Usage;

import java.math.BigDecimal;
import java.math.MathContext;

/** What an answer cost: prompt and completion tokens times the catalog's prices per million. */
public final class Cost {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private Cost() {
    }

    public static BigDecimal of(Candidate model, Usage usage) {
        return of(model.inputPrice(), model.outputPrice(), usage);
    }

    /** What {@code usage} costs at a catalog price (for savings: the reference model's price). */
    public static BigDecimal of(Price price, Usage usage) {
        return of(price.input(), price.output(), usage);
    }

    private static BigDecimal of(BigDecimal inputPrice, BigDecimal outputPrice, Usage usage) {
        BigDecimal input = inputPrice.multiply(BigDecimal.valueOf(usage.promptTokens()));
        BigDecimal output = outputPrice.multiply(BigDecimal.valueOf(usage.completionTokens()));
        return input.add(output).divide(MILLION, MathContext.DECIMAL64);
    }
}
