package dev.tollgate.spi;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How a provider adapter calls its upstream over HTTP: pooled HTTP/1.1 connections, the endpoint's
 * timeouts, and every way the call can fail turned into a {@link ProviderFailure} (a timeout, or the
 * provider unreachable) that names the provider and never the key.
 */
public final class UpstreamHttp {
    /**
     * What is being watched now, each with its deadline: calls waiting for an answer, streams waiting for their next
     * event. One thread looks them over every {@value #SWEEP_MILLIS} ms: a timer task per call or per event would wake
     * that thread on almost every one.
     */
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final long SWEEP_MILLIS = 100;

    static {
        ScheduledThreadPoolExecutor sweeper = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tollgate-upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            WATCHED.forEach(watch -> watch.expireIfDue(now));
        }, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One client per connect timeout: HttpClient fixes it at build time, and each client pools its connections. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * Sends {@code request} and waits for the response, at most the endpoint's {@link ProviderEndpoint#timeout()}: the
     * request's own timeout covers the headers only, this also bounds a plain answer's body that stalls. The call is
     * synchronous ({@link HttpClient#send}): {@code sendAsync} completes its future through the common ForkJoinPool,
     * one more thread to wake before the caller does; the deadline interrupts the waiting caller instead.
     */
    public <T> HttpResponse<T> send(ProviderEndpoint endpoint, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws ProviderException {
        HttpClient client = clients.computeIfAbsent(endpoint.connectTimeout(), UpstreamHttp::client);
        Watch deadline = watch(endpoint.timeout(), Thread.currentThread()::interrupt);
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw timedOut(endpoint, e);
        } catch (IOException e) {
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 0,
                    "could not reach " + endpoint.provider() + " at " + endpoint.baseUrl().getHost() + ": " + reason(e)), e);
        } catch (InterruptedException e) {
            // HttpClient.send cancels the exchange when interrupted.
            if (deadline.finish()) {
                throw timedOut(endpoint, e);
            }
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.UNAVAILABLE, 0,
                    "interrupted while calling " + endpoint.provider()), e);
        } finally {
            if (deadline.finish()) {
                // The deadline's interrupt, sent as the call returned anyway, must not outlive the call.
                Thread.interrupted();
            }
        }
    }

    /**
     * Runs {@code onExpiry} once if {@code timeout} passes before {@link Watch#finish()} is called (to within
     * {@value #SWEEP_MILLIS} ms): for a wait the request's own timeout does not cover, such as a stream's next event.
     */
    public static Watch watch(Duration timeout, Runnable onExpiry) {
        Watch watch = new Watch(System.nanoTime() + timeout.toNanos(), onExpiry);
        WATCHED.add(watch);
        return watch;
    }

    /** A wait with a deadline; see {@link #watch}. */
    public static final class Watch {
        private final long dueNanos;
        private final Runnable onExpiry;
        private boolean finished;
        private boolean expired;

        private Watch(long dueNanos, Runnable onExpiry) {
            this.dueNanos = dueNanos;
            this.onExpiry = onExpiry;
        }

        private synchronized void expireIfDue(long now) {
            if (!finished && !expired && now - dueNanos >= 0) {
                expired = true;
                WATCHED.remove(this);
                onExpiry.run();
            }
        }

        /** Ends the wait (again, harmlessly); whether its time ran out first, in which case its action has run. */
        public synchronized boolean finish() {
            if (!finished) {
                finished = true;
                WATCHED.remove(this);
            }
            return expired;
        }
    }

    /**
     * The client runs its own steps (reading the response, completing the call) on its selector thread instead of
     * handing each to a thread pool: the body handlers given here only collect bytes, and the hand-offs cost more than
     * that work. Measured with bench/overhead at 16 connections: 12–45% less CPU per request (bench/README.md).
     */
    private static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(Runnable::run).build();
    }

    private static ProviderException timedOut(ProviderEndpoint endpoint, Exception cause) {
        return new ProviderException(ProviderFailure.of(ProviderFailure.Kind.TIMEOUT, 0,
                endpoint.provider() + " did not answer within " + describe(endpoint.timeout())), cause);
    }

    /** {@code 30 s}, or {@code 600 ms} under a second. */
    static String describe(Duration timeout) {
        return timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s";
    }

    private static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
