package dev.tollgate.engine.routing;

import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.GatewayKeys;
import dev.tollgate.engine.policy.RankedCandidate;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ProviderFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request's way through its ranked candidates: which one is next, what each attempt did,
 * and which one served. Lives on the exchange for the length of the request.
 */
public final class FallbackAttempts {
    public static final String PROPERTY = "tollgate.attempts";

    private final ChatRequest request;
    private final String pinnedModel;
    private final GatewayKeys.Caller caller;
    private final Decision decision;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<ProviderFailure> failures = new ArrayList<>();
    private int next;
    private RankedCandidate current;
    private Served served;
    private boolean streamEnded;
    private long firstChunkNanos = -1;
    private String budgetNote;
    private String servedDespiteGate;
    private boolean budgetBlocked;

    /**
     * @param pinnedModel the catalog model the client named, or {@code null} when the policy chose
     * @param caller      who is asking
     */
    public FallbackAttempts(ChatRequest request, String pinnedModel, GatewayKeys.Caller caller, Decision decision) {
        this.request = request;
        this.pinnedModel = pinnedModel;
        this.caller = caller;
        this.decision = decision;
    }

    /** Whether another candidate should be tried: nobody has answered yet and candidates remain. */
    public boolean remain() {
        return served == null && !streamEnded && next < decision.ranked().size();
    }

    RankedCandidate advance() {
        current = decision.ranked().get(next++);
        return current;
    }

    void failed(ProviderFailure failure, long latencyMs) {
        failures.add(failure);
        attempts.add(new Attempt(current.candidate().model(), current.candidate().provider(),
                failure.kind().name().toLowerCase(Locale.ROOT), failure.httpStatus(), failure.message(), latencyMs));
    }

    void served(Served answer, long latencyMs) {
        served = answer;
        attempts.add(new Attempt(current.candidate().model(), current.candidate().provider(), "ok", 200, null, latencyMs));
    }

    /** A free answer failed the quality gate: it is not passed on, and the next candidate is tried. */
    void failedQualityGate(String reason, long latencyMs) {
        attempts.add(new Attempt(current.candidate().model(), current.candidate().provider(), "quality_gate", 200, reason,
                latencyMs));
    }

    /** The answer served failed the quality gate, no candidate being left to try: why, or {@code null}. */
    public String servedDespiteGate() {
        return servedDespiteGate;
    }

    void servedDespiteGate(String reason) {
        servedDespiteGate = reason;
    }

    /** A budget kept a paid candidate from being called: it is skipped, and the request says why. */
    void blockedByBudget(String note) {
        budgetNote = note;
        budgetBlocked = true;
    }

    /** A budget was passed and its action let the call go ahead (warn-only), or moved the request to free models. */
    public void budgetNoted(String note) {
        budgetNote = note;
    }

    /** What a budget did to this request, or {@code null}. */
    public String budgetNote() {
        return budgetNote;
    }

    /** Whether a budget kept some paid candidate from being called. */
    public boolean budgetBlocked() {
        return budgetBlocked;
    }

    /** The first chunk of a streamed answer is on its way to the client. */
    void firstChunkSent() {
        if (firstChunkNanos < 0) {
            firstChunkNanos = System.nanoTime() - startedNanos;
        }
    }

    /** How long after arrival the first streamed chunk went out, or {@code null} when nothing was streamed. */
    public Duration timeToFirstChunk() {
        return firstChunkNanos < 0 ? null : Duration.ofNanos(firstChunkNanos);
    }

    /** The stream to the client was opened and then broke: no other candidate may answer now. */
    void streamBroke() {
        streamEnded = true;
    }

    public boolean streamBroken() {
        return streamEnded && served == null;
    }

    public ChatRequest request() {
        return request;
    }

    public String pinnedModel() {
        return pinnedModel;
    }

    public GatewayKeys.Caller caller() {
        return caller;
    }

    public List<ProviderFailure> failures() {
        return List.copyOf(failures);
    }

    public Decision decision() {
        return decision;
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The answer, or {@code null} if no candidate served. */
    public Served served() {
        return served;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
