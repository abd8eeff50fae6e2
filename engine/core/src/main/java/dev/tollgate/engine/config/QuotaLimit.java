package dev.tollgate.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One limit of {@code quotas}: how many (requests or tokens) per its window, and when the window
 * resets. Written as a number ({@code rpm: 30}, a rolling window) or as
 * {@code {limit: 250, reset: daily 00:00 America/Los_Angeles}}.
 */
public record QuotaLimit(long limit, ResetSchedule reset) {

    public QuotaLimit {
        if (limit < 0) {
            throw new IllegalArgumentException("must not be negative, got " + limit);
        }
        reset = reset == null ? ResetSchedule.ROLLING : reset;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static QuotaLimit rolling(long limit) {
        return new QuotaLimit(limit, ResetSchedule.ROLLING);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static QuotaLimit of(@JsonProperty(value = "limit", required = true) long limit, @JsonProperty("reset") String reset) {
        return new QuotaLimit(limit, reset == null ? ResetSchedule.ROLLING : ResetSchedule.parse(reset));
    }
}
