package dev.tollgate.engine.workflow;

import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each coder worker's own model calls cost. A coder is given a run token as its API key; the chat route
 * {@link #recognise() recognises} it and the cost-tracking route {@link #account() adds} the served answer to it,
 * so a coder's spend is known without the coder knowing anything about Tollgate.
 */
public final class RunUsage {
    public static final String PROPERTY = "tollgate.run-token";
    private static final String PREFIX = "tollgate-run-";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One worker's calls so far. */
    static final class Tally {
        private BigDecimal costUsd = BigDecimal.ZERO;
        private long promptTokens;
        private long completionTokens;
        private final List<String> decisions = new ArrayList<>();
        private int inFlight;
        private int budgetRefusals;

        synchronized BigDecimal costUsd() {
            return costUsd;
        }

        synchronized long promptTokens() {
            return promptTokens;
        }

        synchronized long completionTokens() {
            return completionTokens;
        }

        synchronized List<String> decisions() {
            return List.copyOf(decisions);
        }

        /** How many of its calls the gateway refused with 402, for a budget. */
        synchronized int budgetRefusals() {
            return budgetRefusals;
        }

        /** Waits (at most {@code millis}) for calls still being accounted: the ledger is written off the request path. */
        synchronized void settle(long millis) throws InterruptedException {
            long until = System.currentTimeMillis() + millis;
            while (inFlight > 0 && System.currentTimeMillis() < until) {
                wait(Math.max(1, until - System.currentTimeMillis()));
            }
        }

        private synchronized void started() {
            inFlight++;
        }

        private synchronized void finished(Served served, String decision, boolean refusedForBudget) {
            if (refusedForBudget) {
                budgetRefusals++;
            }
            if (served != null) {
                costUsd = costUsd.add(served.costUsd());
                promptTokens += served.usage().promptTokens();
                completionTokens += served.usage().completionTokens();
            }
            if (decision != null) {
                decisions.add(decision);
            }
            inFlight--;
            notifyAll();
        }
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    /** A new token for a worker; its calls are tallied until {@link #release}. */
    String register(String run, String worker) {
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        String token = PREFIX + run + "-" + worker + "-" + HexFormat.of().formatHex(secret);
        tallies.put(token, new Tally());
        return token;
    }

    Tally tally(String token) {
        return tallies.get(token);
    }

    void release(String token) {
        tallies.remove(token);
    }

    /** A chat-route step: notes the run token the request came with, if it is one. */
    public Processor recognise() {
        return exchange -> {
            String token = presented(exchange.getMessage());
            Tally tally = token == null ? null : tallies.get(token);
            if (tally != null) {
                tally.started();
                exchange.setProperty(PROPERTY, token);
            }
        };
    }

    /** A cost-tracking step: adds what a run token's request cost to its tally. */
    public Processor account() {
        return exchange -> {
            String token = exchange.getProperty(PROPERTY, String.class);
            Tally tally = token == null ? null : tallies.get(token);
            if (tally == null) {
                return;
            }
            FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            tally.finished(attempts == null ? null : attempts.served(), attempts == null ? null : attempts.decision().id(),
                    status != null && status == 402);
        };
    }

    private static String presented(Message in) {
        String authorization = in.getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        String apiKey = in.getHeader("x-api-key", String.class);
        return apiKey == null ? null : apiKey.strip();
    }
}
