package dev.tollgate.engine.routing;

import dev.tollgate.engine.budget.Budgets;
import dev.tollgate.engine.budget.Reservation;
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
import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.Usage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Map;

/**
 * Attempt one candidate: the next-ranked model is called through its provider's adapter. A
 * failure is recorded and rethrown; the route decides whether to fall back. A stream goes to the
 * client chunk by chunk; once its first byte is out, no other candidate can take over.
 */
public final class CallCandidate implements Processor {
    private final LatencyStats latency;
    private final SpendTracker spend;

    public CallCandidate(LatencyStats latency, SpendTracker spend) {
        this.latency = latency;
        this.spend = spend;
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
        Reservation reservation = Budgets.reserve(spend, budgets, attempts, candidate);
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
            throws ProviderException {
        ProviderRegistry.Route route = policy.providers().route(candidate.provider());
        ChatRequest request = attempts.request();
        ProviderCall call = new ProviderCall(route.endpoint(), policy.config().models().get(candidate.model()).upstream(),
                request);
        long started = System.nanoTime();
        if (request.streaming()) {
            stream(exchange, attempts, candidate, route, call, started);
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
                    attempts.failedQualityGate(failed, millisSince(started));
                    return;
                }
                attempts.servedDespiteGate(failed);
            }
            answered(attempts, new Served(candidate, response, usage, estimated, Cost.of(candidate, usage)), started);
        } catch (ProviderException e) {
            attempts.failed(e.failure(), millisSince(started));
            throw e;
        }
    }

    private void stream(Exchange exchange, FallbackAttempts attempts, Candidate candidate, ProviderRegistry.Route route,
                        ProviderCall call, long started) throws ProviderException {
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
            attempts.failed(e.failure(), millisSince(started));
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
        answered(attempts, served, started);
        writer.done(usage, Map.of(TollgateHeaders.COST, TollgateHeaders.usd(served.costUsd())));
    }

    private void answered(FallbackAttempts attempts, Served served, long started) {
        long millis = millisSince(started);
        attempts.served(served, millis);
        latency.record(served.candidate().model(), millis);
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
