package dev.tollgate.engine.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the ledger writes a time: UTC with milliseconds always, so that the text sorts as the time does. */
public final class LedgerTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LedgerTime() {
    }

    public static String format(Instant time) {
        return FORMAT.format(time);
    }
}
