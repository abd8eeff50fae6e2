package dev.tollgate.engine.http;

import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code x-tollgate-*} headers every answer carries: who served it, what it cost, which decision. */
public final class TollgateHeaders {
    public static final String MODEL = "x-tollgate-model";
    public static final String PROVIDER = "x-tollgate-provider";
    public static final String COST = "x-tollgate-cost-usd";
    public static final String DECISION = "x-tollgate-decision";

    private TollgateHeaders() {
    }

    /** The headers known before the answer's body: model, provider, decision. */
    public static Map<String, String> leading(FallbackAttempts attempts, String model, String provider) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MODEL, model);
        headers.put(PROVIDER, provider);
        headers.put(DECISION, attempts.decision().id());
        return headers;
    }

    /** All of them, once the answer is complete. */
    public static Map<String, String> all(FallbackAttempts attempts, Served served) {
        Map<String, String> headers = leading(attempts, served.candidate().model(), served.candidate().provider());
        headers.put(COST, usd(served.costUsd()));
        return headers;
    }

    public static String usd(BigDecimal amount) {
        return amount.setScale(8, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
