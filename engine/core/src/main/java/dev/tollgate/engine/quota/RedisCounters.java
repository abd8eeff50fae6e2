package dev.tollgate.engine.quota;

import dev.tollgate.engine.config.StateConfig;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Buckets in Redis, shared by every gateway instance pointed at it (Bucket4j's compare-and-swap
 * proxies over Lettuce). When Redis cannot be reached the gateway keeps serving: each bucket is
 * counted in local memory instead, the status says {@code degraded}, and Redis is tried again every
 * few seconds. When it answers again, what was spent locally meanwhile is added to its buckets
 * (re-sync), and counting goes back to Redis.
 */
public final class RedisCounters implements Counters {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCounters.class);

    private final RedisClient client;
    private final ClientResources resources;
    private final Clock clock;
    private final Duration retryEvery;
    private final Duration timeout;
    private final LocalCounters local;
    private final String prefix;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> proxies;
    private volatile String outage;
    private volatile Instant retryAt = Instant.MIN;
    /** Per bucket: its configuration and what was taken locally (net) while Redis was away. */
    private final Map<String, Spent> spentWhileDown = new ConcurrentHashMap<>();

    private record Spent(Supplier<BucketConfiguration> configuration, long amount) {
    }

    public RedisCounters(StateConfig.Redis settings, Clock clock) {
        this.clock = clock;
        this.timeout = Duration.ofMillis(settings.timeoutMillis());
        this.retryEvery = Duration.ofSeconds(settings.retrySeconds());
        this.local = new LocalCounters(clock);
        this.prefix = settings.keyPrefix();
        this.resources = ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(200))).build();
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(timeout);
        this.client = RedisClient.create(resources, uri);
        // Fail fast while disconnected instead of queueing: the local fallback answers at once.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout)).build());
        connect();
    }

    private synchronized boolean connect() {
        if (proxies != null) {
            return true;
        }
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            proxies = Bucket4jLettuce.casBasedBuilder(connection).clientClock(new ClockTime(clock)).requestTimeout(timeout)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(10)))
                    .build();
            return true;
        } catch (RuntimeException e) {
            down(e);
            return false;
        }
    }

    @Override
    public Counter counter(String key, Supplier<BucketConfiguration> configuration) {
        return new Failover(prefix + key, configuration);
    }

    /** Runs {@code operation} on Redis when it can be reached, else on the local bucket (noting what it took). */
    private <T> T run(String key, Supplier<BucketConfiguration> configuration, Function<Counter, T> operation, long taken) {
        if (outage == null || Instant.now().isAfter(retryAt)) {
            if (connect()) {
                try {
                    Counter shared = new BucketCounter(proxies.builder().build(key, configuration));
                    if (outage != null) {
                        resync();
                    }
                    return operation.apply(shared);
                } catch (RuntimeException e) {
                    down(e);
                }
            }
        }
        Counter fallback = local.counter(key, configuration);
        T result = operation.apply(fallback);
        if (taken != 0 && !(result instanceof ConsumptionProbe probe && !probe.isConsumed())) {
            spentWhileDown.merge(key, new Spent(configuration, taken), (a, b) -> new Spent(a.configuration(), a.amount() + b.amount()));
        }
        return result;
    }

    private synchronized void resync() {
        if (outage == null) {
            return;
        }
        for (Map.Entry<String, Spent> spent : Map.copyOf(spentWhileDown).entrySet()) {
            long amount = spent.getValue().amount();
            var bucket = proxies.builder().build(spent.getKey(), spent.getValue().configuration());
            if (amount > 0) {
                bucket.consumeIgnoringRateLimits(amount);
            } else if (amount < 0) {
                bucket.addTokens(-amount);
            }
            spentWhileDown.remove(spent.getKey());
        }
        LOG.info("Redis is reachable again: quota counters are shared again (local usage during the outage added)");
        outage = null;
    }

    private void down(RuntimeException e) {
        if (outage == null) {
            LOG.warn("Redis is unreachable ({}): counting quotas locally until it is back", e.getMessage());
        }
        outage = String.valueOf(e.getMessage());
        // Real time, not the quota clock: this is about the network.
        retryAt = Instant.now().plus(retryEvery);
    }

    @Override
    public String status() {
        String down = outage;
        return down == null ? "redis" : "degraded: Redis unreachable (" + down + "), counting locally";
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown();
        } catch (RuntimeException e) {
            LOG.debug("closing the Redis client: {}", e.getMessage());
        }
    }

    /** A bucket that is in Redis while Redis answers, and local while it does not. */
    private final class Failover implements Counter {
        private final String key;
        private final Supplier<BucketConfiguration> configuration;

        Failover(String key, Supplier<BucketConfiguration> configuration) {
            this.key = key;
            this.configuration = configuration;
        }

        @Override
        public ConsumptionProbe tryTake(long amount) {
            return run(key, configuration, c -> c.tryTake(amount), amount);
        }

        @Override
        public void take(long amount) {
            run(key, configuration, c -> {
                c.take(amount);
                return null;
            }, amount);
        }

        @Override
        public void giveBack(long amount) {
            run(key, configuration, c -> {
                c.giveBack(amount);
                return null;
            }, -amount);
        }

        @Override
        public long available() {
            return run(key, configuration, Counter::available, 0);
        }
    }
}
