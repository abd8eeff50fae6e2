package dev.tollgate.engine.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * When a limit's window starts again: {@code rolling} (the window slides with time), or a calendar
 * reset, {@code daily HH:MM Zone} (Google AI Studio's daily quotas reset at midnight Pacific time).
 *
 * @param at   the time of day of a calendar reset, or {@code null} for rolling
 * @param zone the zone of a calendar reset, or {@code null} for rolling
 */
public record ResetSchedule(LocalTime at, ZoneId zone) {
    public static final ResetSchedule ROLLING = new ResetSchedule(null, null);

    /** @throws IllegalArgumentException naming the forms accepted */
    public static ResetSchedule parse(String text) {
        String[] words = text.strip().split("\\s+");
        if (words.length == 1 && words[0].equalsIgnoreCase("rolling")) {
            return ROLLING;
        }
        if (words.length == 3 && words[0].toLowerCase(Locale.ROOT).equals("daily")) {
            try {
                return new ResetSchedule(LocalTime.parse(words[1]), ZoneId.of(words[2]));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("has a bad time or zone in '" + text + "': " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("must be 'rolling' or 'daily HH:MM Zone' (e.g. daily 00:00 America/Los_Angeles), got '"
                + text + "'");
    }

    public boolean rolling() {
        return at == null;
    }

    /** The start of the calendar window holding {@code now}. */
    public Instant windowStart(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime start = local.toLocalDate().atTime(at).atZone(zone);
        return start.isAfter(local) ? local.toLocalDate().minusDays(1).atTime(at).atZone(zone).toInstant() : start.toInstant();
    }

    /** The next calendar reset after {@code now}. */
    public Instant nextReset(Instant now) {
        return windowStart(now).atZone(zone).plusDays(1).toLocalDate().atTime(at).atZone(zone).toInstant();
    }

    /** How long until the next calendar reset. */
    public Duration untilReset(Instant now) {
        return Duration.between(now, nextReset(now));
    }

    @Override
    public String toString() {
        return rolling() ? "rolling" : "daily " + at + " " + zone;
    }
}
