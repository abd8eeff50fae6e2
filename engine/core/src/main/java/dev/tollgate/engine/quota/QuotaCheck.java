package dev.tollgate.engine.quota;

import java.time.Duration;

/**
 * The answer to "may this call go ahead?": a reservation to settle afterwards, or the reason it may not.
 *
 * @param reservation what was taken, or {@code null} when refused
 * @param reason      which limit refused it, for the decision trace; {@code null} when granted
 * @param retryAfter  when that limit has room again, or {@code null} when it never will by itself (a spent credit)
 */
public record QuotaCheck(Reservation reservation, String reason, Duration retryAfter) {

    public boolean granted() {
        return reservation != null;
    }
}
