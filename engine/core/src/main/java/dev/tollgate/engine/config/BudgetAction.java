package dev.tollgate.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to a paid call that would take spend past a budget; the strictest first. */
public enum BudgetAction {
    /** Do not call the paid model; free candidates still serve, a client that pinned a paid model is refused (402). */
    @JsonProperty("block-paid") BLOCK_PAID("block-paid"),
    /** Do not call the paid model; serve the request from the free candidates (a pinned paid model gives way to them). */
    @JsonProperty("fallback-to-free") FALLBACK_TO_FREE("fallback-to-free"),
    /** Call it anyway; the alerts fire and the ledger notes the overrun. */
    @JsonProperty("warn-only") WARN_ONLY("warn-only");

    private final String yamlName;

    BudgetAction(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
