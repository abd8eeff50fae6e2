package dev.tollgate.engine.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** A {@link Counter} over a Bucket4j bucket, local or a Redis proxy. */
record BucketCounter(Bucket bucket) implements Counter {

    @Override
    public ConsumptionProbe tryTake(long amount) {
        return bucket.tryConsumeAndReturnRemaining(amount);
    }

    @Override
    public void take(long amount) {
        bucket.consumeIgnoringRateLimits(amount);
    }

    @Override
    public void giveBack(long amount) {
        bucket.addTokens(amount);
    }

    @Override
    public long available() {
        return bucket.getAvailableTokens();
    }
}
