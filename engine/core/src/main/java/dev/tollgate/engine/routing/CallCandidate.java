package dev.tollgate.engine.routing;

import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.TollgateHeaders;
import dev.tollgate.engine.ingress.StreamWriter;
import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.engine.ledger.Cost;
import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.policy.RankedCandidate;
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

    public CallCandidate(LatencyStats latency) {
        this.latency = latency;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        RankedCandidate ranked = attempts.advance();
        Candidate candidate = ranked.candidate();
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
            answered(attempts, new Served(candidate, response, usage, estimated, Cost.of(candidate, usage), null), started);
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
        long[] firstChunk = {0};
        try {
            route.adapter().stream(call, chunk -> {
                if (firstChunk[0] == 0) {
                    firstChunk[0] = System.nanoTime();
                }
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
        Long ttft = firstChunk[0] == 0 ? null : (firstChunk[0] - started) / 1_000_000;
        Served served = new Served(candidate, null, usage, estimated, Cost.of(candidate, usage), ttft);
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
