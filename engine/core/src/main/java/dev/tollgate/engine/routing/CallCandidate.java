package dev.tollgate.engine.routing;

import dev.tollgate.engine.budget.Budgets;
import dev.tollgate.engine.budget.SpendTracker;
import dev.tollgate.engine.config.BudgetsConfig;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.TollgateHeaders;
import dev.tollgate.engine.ingress.StreamWriter;
import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.engine.ledger.Cost;
import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.engine.quota.ProviderHealth;
import dev.tollgate.engine.quota.QuotaCheck;
import dev.tollgate.engine.quota.Quotas;
import dev.tollgate.engine.quota.Reservation;
import dev.tollgate.engine.quota.Waiter;
import dev.tollgate.engine.quota.WaitingRoom;
import dev.tollgate.engine.config.QuotaConfig;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.Usage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;
import java.util.Map;

/**
 * Attempt one candidate: the next-ranked model is called through its provider's adapter, unless it
 * is cooling down or its quota has no room (then it is skipped with the reason, and the loop tries
 * the next one). Quota is reserved before the call and settled with the real usage after. A
 * failure is recorded and rethrown; the route decides whether to fall back. A stream goes to the
 * client chunk by chunk; once its first byte is out, no other candidate can take over.
 */
public final class CallCandidate implements Processor {
    private final LatencyStats latency;
    private final SpendTracker spend;
    private final Quotas quotas;
    private final ProviderHealth health;
    private final Waiter waiter;
    private final WaitingRoom waitingRoom;

    /** Turns "slow but thorough" on or off for one request, whatever its profile says. */
    public static final String SLOW_HEADER = "x-tollgate-slow-but-thorough";

    public CallCandidate(LatencyStats latency, SpendTracker spend, Quotas quotas, ProviderHealth health, Waiter waiter,
                         WaitingRoom waitingRoom) {
        this.latency = latency;
        this.spend = spend;
        this.quotas = quotas;
        this.health = health;
        this.waiter = waiter;
        this.waitingRoom = waitingRoom;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        Candidate candidate = attempts.advance().candidate();
        if (candidate.free()) {
            call(exchange, policy, attempts, candidate);
            return;
        }
        // Budgets are checked before every paid call, against spend plus what calls in flight have reserved.
        BudgetsConfig budgets = policy.config().budgets();
        dev.tollgate.engine.budget.Reservation reservation = Budgets.reserve(spend, budgets, attempts, candidate);
        if (!reservation.admitted()) {
            attempts.blockedByBudget(reservation.overrun().describe());
            return;
        }
        if (reservation.overrun() != null) {
            attempts.budgetNoted(reservation.overrun().describe());
        }
        boolean settled = false;
        try {
            call(exchange, policy, attempts, candidate);
            Served served = attempts.served();
            if (served != null && served.candidate() == candidate) {
                spend.settle(budgets, reservation, candidate.model(), served.costUsd());
                settled = true;
            }
        } finally {
            if (!settled) {
                spend.release(reservation);
            }
        }
    }

    private void call(Exchange exchange, PolicySnapshot policy, FallbackAttempts attempts, Candidate candidate)
            throws ProviderException, ApiError, InterruptedException {
        ProviderRegistry.Route route = policy.providers().route(candidate.provider());
        ChatRequest request = attempts.request();
        ProviderHealth.Cooldown cooldown = health.cooling(candidate.provider(), candidate.model());
        if (cooldown != null) {
            skipped(exchange, policy, attempts, candidate, "cooldown", cooldown.scope() + " cooling down until "
                    + cooldown.until() + ": " + cooldown.reason(), Duration.between(health.clock().instant(), cooldown.until()));
            return;
        }
        // Token limits hold exactly when the client caps its answer (max_tokens); otherwise completions settle after.
        long estimate = TokenEstimate.of(request) + (request.maxTokens() == null ? 0 : request.maxTokens());
        QuotaCheck quota = quotas.reserveProvider(policy.config().quotas(), candidate.provider(), candidate.model(),
                estimate);
        if (!quota.granted()) {
            skipped(exchange, policy, attempts, candidate, "quota", quota.reason(), quota.retryAfter());
            return;
        }
        Reservation reservation = quota.reservation();
        if (!reservation.pace().isZero()) {
            waiter.await(reservation.pace());
        }
        ProviderCall call = new ProviderCall(route.endpoint(), policy.config().models().get(candidate.model()).upstream(),
                request, limits -> health.learned(candidate.provider(), candidate.model(), limits));
        long started = System.nanoTime();
        if (request.streaming()) {
            stream(exchange, attempts, candidate, route, call, started, reservation);
            return;
        }
        try {
            ChatResponse response = route.adapter().complete(call);
            Usage usage = response.usage();
            boolean estimated = usage == null;
            if (estimated) {
                usage = Usage.of(TokenEstimate.of(request), TokenEstimate.ofText(completionChars(response)));
            }
            if (candidate.free() && policy.config().escalation().on("quality-gate")) {
                String failed = QualityGate.check(response, usage, policy.config().escalation().qualityGate());
                if (failed != null && attempts.remain()) {
                    // The call used the provider's quota even though its answer is not served.
                    quotas.settle(reservation, usage.promptTokens() + usage.completionTokens(), java.math.BigDecimal.ZERO);
                    attempts.failedQualityGate(failed, millisSince(started));
                    return;
                }
                attempts.servedDespiteGate(failed);
            }
            answered(attempts, new Served(candidate, response, usage, estimated, Cost.of(candidate, usage)), started,
                    reservation);
        } catch (ProviderException e) {
            failed(attempts, candidate, e, started, reservation);
            throw e;
        }
    }

    /**
     * The candidate is skipped. When it was the last free one and the request is slow but thorough,
     * wait for the earliest free slot (in the caller's line) and try the candidates again, rather
     * than pay; if that slot is further away than the maximum wait, fall back or fail as configured.
     */
    private void skipped(Exchange exchange, PolicySnapshot policy, FallbackAttempts attempts, Candidate candidate,
                         String outcome, String reason, Duration retryAfter) throws ApiError, InterruptedException {
        attempts.skipped(outcome, reason, retryAfter);
        if (!candidate.free()) {
            return;
        }
        attempts.freeSlotIn(retryAfter);
        QuotaConfig.SlowButThorough slow = policy.config().quotas().slowButThorough();
        if (attempts.nextIsFree() || !slowButThorough(exchange, slow)) {
            return;
        }
        Duration wait = attempts.earliestFreeSlot();
        Duration maxWait = Duration.ofSeconds(slow.maxWaitSeconds());
        if (wait == null || attempts.waited().plus(wait).compareTo(maxWait) > 0) {
            if (slow.otherwise() == QuotaConfig.SlowButThorough.Otherwise.FAIL) {
                attempts.stop();
            }
            return;
        }
        String key = attempts.caller().name() == null ? "(no key)" : attempts.caller().name();
        if (!waitingRoom.await(key, wait, slow.queue())) {
            throw new ApiError(429, "rate_limit_error", "waiting_room_full", null, "slow but thorough: "
                    + slow.queue() + " requests are already waiting for a free slot; try again later", wait);
        }
        attempts.waitedAndRestart(wait);
    }

    private static boolean slowButThorough(Exchange exchange, QuotaConfig.SlowButThorough slow) {
        String asked = exchange.getMessage().getHeader(SLOW_HEADER, String.class);
        if (asked != null) {
            return Boolean.parseBoolean(asked.strip());
        }
        Authenticate.Terms terms = exchange.getProperty(Authenticate.PROPERTY, Authenticate.Terms.class);
        return terms != null && slow.profiles().contains(terms.profile());
    }

    private void failed(FallbackAttempts attempts, Candidate candidate, ProviderException e, long started,
                        Reservation reservation) {
        attempts.failed(e.failure(), millisSince(started));
        // The request reached the upstream and counts against its request limits; it used no tokens.
        quotas.settle(reservation, 0, null);
        health.failed(candidate.provider(), candidate.model(), e.failure());
    }

    private void stream(Exchange exchange, FallbackAttempts attempts, Candidate candidate, ProviderRegistry.Route route,
                        ProviderCall call, long started, Reservation reservation) throws ProviderException {
        SseStream client = SseStream.of(exchange);
        StreamWriter writer = WireApi.of(exchange).streamWriter(client, call.request());
        StreamTally tally = new StreamTally();
        try {
            route.adapter().stream(call, chunk -> {
                if (!client.opened()) {
                    client.open(TollgateHeaders.leading(attempts, candidate.model(), candidate.provider()));
                    attempts.firstChunkSent();
                }
                tally.add(chunk);
                writer.chunk(chunk);
            });
        } catch (ProviderException e) {
            failed(attempts, candidate, e, started, reservation);
            if (!client.opened()) {
                throw e;
            }
            attempts.streamBroke();
            writer.fail(e.failure().message());
            return;
        }
        if (!client.opened()) {
            client.open(TollgateHeaders.leading(attempts, candidate.model(), candidate.provider()));
        }
        Usage usage = tally.usage();
        boolean estimated = usage == null;
        if (estimated) {
            usage = Usage.of(TokenEstimate.of(call.request()), TokenEstimate.ofText(tally.completionChars()));
        }
        Served served = new Served(candidate, null, usage, estimated, Cost.of(candidate, usage));
        answered(attempts, served, started, reservation);
        writer.done(usage, Map.of(TollgateHeaders.COST, TollgateHeaders.usd(served.costUsd())));
    }

    private void answered(FallbackAttempts attempts, Served served, long started, Reservation reservation) {
        long millis = millisSince(started);
        attempts.served(served, millis);
        latency.record(served.candidate().model(), millis);
        quotas.settle(reservation, served.usage().promptTokens() + served.usage().completionTokens(), served.costUsd());
        health.succeeded(served.candidate().provider(), served.candidate().model());
    }

    private static long completionChars(ChatResponse response) {
        long chars = 0;
        for (ChatResponse.Choice choice : response.choices()) {
            if (choice.message() != null) {
                chars += choice.message().text().length();
            }
        }
        return chars;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Counts what a stream carried: the upstream's usage if it reported one, else the text's length. */
    private static final class StreamTally {
        private Usage usage;
        private long completionChars;

        void add(ChatChunk chunk) {
            if (chunk.usage() != null) {
                usage = chunk.usage();
            }
            if (chunk.choices() != null) {
                for (ChatChunk.Choice choice : chunk.choices()) {
                    if (choice.delta() != null) {
                        completionChars += choice.delta().text().length();
                    }
                }
            }
        }

        Usage usage() {
            return usage;
        }

        long completionChars() {
            return completionChars;
        }
    }
}
