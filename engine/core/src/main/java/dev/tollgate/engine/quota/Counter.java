package dev.tollgate.engine.quota;

import io.github.bucket4j.ConsumptionProbe;

/** One token bucket, wherever it lives: the four things quotas do with it. */
interface Counter {
    /** Takes {@code amount} if there is room, and says what is left or how long until there is room. */
    ConsumptionProbe tryTake(long amount);

    /** Takes {@code amount} whether there is room or not (usage found out after the call). */
    void take(long amount);

    /** Gives back {@code amount}, up to the bucket's capacity. */
    void giveBack(long amount);

    long available();
}
