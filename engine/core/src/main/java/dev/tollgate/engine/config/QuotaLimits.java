package dev.tollgate.engine.config;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The limits of one provider, one model, or one caller. Any may be left out (no limit).
 *
 * @param rpm       requests per minute
 * @param tpm       tokens (prompt + completion) per minute
 * @param rpd       requests per day
 * @param tpd       tokens per day
 * @param creditUsd a prepaid balance in USD, spent at the catalog's prices (never refilled: raise it when you top up)
 * @param models    per-model limits (a provider's entry only), by catalog model name
 */
public record QuotaLimits(QuotaLimit rpm, QuotaLimit tpm, QuotaLimit rpd, QuotaLimit tpd, BigDecimal creditUsd,
                          Map<String, QuotaLimits> models) {
    public static final QuotaLimits NONE = new QuotaLimits(null, null, null, null, null, null);

    public QuotaLimits {
        models = TollgateConfig.orderedCopy(models);
    }

    public boolean isEmpty() {
        return rpm == null && tpm == null && rpd == null && tpd == null && creditUsd == null;
    }
}
