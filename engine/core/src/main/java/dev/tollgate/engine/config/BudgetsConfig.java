package dev.tollgate.engine.config;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;

/**
 * The {@code budgets} section: spending limits by profile, by gateway key and by team.
 *
 * @param zone               the time zone whose calendar days and months the limits count in
 * @param maxOutputTokens    the completion length assumed for a request that sets no {@code max_tokens},
 *                           when its maximum cost is reserved before a paid call
 * @param profiles           limits by profile name (FREE, CAREFUL, UNLIMITED)
 * @param keys               limits by gateway key name (keys.yaml)
 * @param teams              limits by team (a key's {@code team})
 */
public record BudgetsConfig(String zone, int maxOutputTokens, Map<String, BudgetLimit> profiles,
                            Map<String, BudgetLimit> keys, Map<String, BudgetLimit> teams) {

    public BudgetsConfig {
        profiles = TollgateConfig.orderedCopy(profiles);
        keys = TollgateConfig.orderedCopy(keys);
        teams = TollgateConfig.orderedCopy(teams);
    }

    public static BudgetsConfig none() {
        return new BudgetsConfig(ZoneId.systemDefault().getId(), 4096, Map.of(), Map.of(), Map.of());
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    static boolean positive(BigDecimal amount) {
        return amount == null || amount.signum() > 0;
    }
}
