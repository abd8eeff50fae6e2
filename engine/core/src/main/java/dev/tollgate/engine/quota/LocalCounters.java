package dev.tollgate.engine.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Buckets in this process's memory: the default, and the fallback while Redis is unreachable. */
public final class LocalCounters implements Counters {
    private final TimeMeter time;
    private final Map<String, Counter> buckets = new ConcurrentHashMap<>();

    public LocalCounters(Clock clock) {
        this.time = new ClockTime(clock);
    }

    @Override
    public Counter counter(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.computeIfAbsent(key, k -> new BucketCounter(Bucket.builder().withCustomTimePrecision(time)
                .addLimit(configuration.get().getBandwidths()[0]).build()));
    }

    @Override
    public String status() {
        return "memory";
    }
}
