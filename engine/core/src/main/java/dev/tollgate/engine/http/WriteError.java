package dev.tollgate.engine.http;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.NoCandidateServed;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ProviderFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;

/**
 * Turns whatever stopped a request into the error shape of its wire API (OpenAI's by default) with a status a client can act on,
 * and notes the outcome for the ledger. Every message passes through the secret redactor.
 */
public final class WriteError implements Processor {
    public static final String OUTCOME = "tollgate.outcome";
    public static final String ERROR = "tollgate.error";
    private static final Logger LOG = LoggerFactory.getLogger(WriteError.class);

    @Override
    public void process(Exchange exchange) {
        SecretSource secrets = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class).secrets();
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause instanceof SseStream.ClientGone) {
            exchange.setProperty(OUTCOME, "client_closed");
            return;
        }
        ApiError error = toApiError(cause, exchange, secrets);
        exchange.setProperty(ERROR, error.getMessage());
        Message message = exchange.getMessage();
        JsonReply.write(message, error.status(), WireApi.of(exchange).error(error));
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        if (attempts != null) {
            message.setHeader(TollgateHeaders.DECISION, attempts.decision().id());
        }
        if (error.retryAfter() != null) {
            message.setHeader("Retry-After", Math.max(1, (error.retryAfter().toMillis() + 999) / 1000));
        }
    }

    private static ApiError toApiError(Throwable cause, Exchange exchange, SecretSource secrets) {
        if (cause instanceof ApiError apiError) {
            exchange.setProperty(OUTCOME, apiError.status() == 403 ? "refused" : "rejected");
            return redacted(apiError, secrets);
        }
        if (cause instanceof NoCandidateServed none) {
            exchange.setProperty(OUTCOME, none.refusedByPolicy() ? "refused" : none.blockedByBudget() ? "over_budget" : "failed");
            if (none.refusedByPolicy()) {
                return new ApiError(403, "policy_refusal", "policy_refused", "model", secrets.redact(none.getMessage()), null);
            }
            if (none.blockedByBudget()) {
                return new ApiError(402, "budget_exceeded", "budget_exceeded", null, secrets.redact(none.getMessage()), null);
            }
            if (none.allRateLimited()) {
                return new ApiError(429, "rate_limit_error", "all_candidates_rate_limited", null,
                        secrets.redact(none.getMessage()), none.retryAfter() == null ? Duration.ofSeconds(1) : none.retryAfter());
            }
            return new ApiError(503, "upstream_unavailable", "all_candidates_failed", null, secrets.redact(none.getMessage()), null);
        }
        if (cause instanceof ProviderException upstream) {
            exchange.setProperty(OUTCOME, "upstream_error");
            ProviderFailure failure = upstream.failure();
            int status = failure.httpStatus() >= 400 && failure.httpStatus() < 500 ? failure.httpStatus() : 400;
            return new ApiError(status, failure.kind() == ProviderFailure.Kind.CONTENT_FILTERED ? "content_filter" : "invalid_request_error",
                    "upstream_" + failure.kind().name().toLowerCase(Locale.ROOT), null,
                    secrets.redact("the upstream rejected the request: " + failure.message()), failure.retryAfter());
        }
        exchange.setProperty(OUTCOME, "error");
        LOG.error("request failed inside the gateway", cause);
        return new ApiError(500, "server_error", "internal_error", null,
                "the gateway failed: " + secrets.redact(String.valueOf(cause)), null);
    }

    private static ApiError redacted(ApiError error, SecretSource secrets) {
        return new ApiError(error.status(), error.type(), error.code(), error.param(), secrets.redact(error.getMessage()),
                error.retryAfter());
    }
}
