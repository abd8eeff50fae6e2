package dev.tollgate.engine.quota;

import io.github.bucket4j.BucketConfiguration;

import java.util.function.Supplier;

/** Where the token buckets live: this process's memory, or Redis shared by every instance. */
public interface Counters extends AutoCloseable {

    /** The bucket named {@code key}, created with {@code configuration} the first time. */
    Counter counter(String key, Supplier<BucketConfiguration> configuration);

    /** {@code memory}, {@code redis}, or {@code degraded: …} when Redis is configured but unreachable. */
    String status();

    @Override
    default void close() {
    }
}
