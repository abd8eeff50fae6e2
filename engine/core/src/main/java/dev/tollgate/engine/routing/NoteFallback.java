package dev.tollgate.engine.routing;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.spi.ProviderException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A candidate failed in a way another candidate may not (429, 5xx, timeout, connection): note it;
 * the loop then tries the next one. Other failures (a 400) are not caught and reach the client.
 */
public final class NoteFallback implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(NoteFallback.class);

    /** Whether the exchange's upstream failure lets the next candidate try. */
    public static boolean allowed(Exchange exchange) {
        ProviderException failure = caught(exchange);
        return failure != null && failure.failure().kind().fallsBack();
    }

    @Override
    public void process(Exchange exchange) {
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        Attempt last = attempts.attempts().get(attempts.attempts().size() - 1);
        LOG.info("{} on {} failed ({}{}){}", attempts.decision().id(), last.model(), last.outcome(),
                last.httpStatus() > 0 ? ", HTTP " + last.httpStatus() : "",
                attempts.remain() ? ": falling back to the next candidate" : ": no candidate left");
        SecretSource secrets = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class).secrets();
        LOG.debug("{} upstream said: {}", attempts.decision().id(), secrets.redact(String.valueOf(last.message())));
    }

    private static ProviderException caught(Exchange exchange) {
        Throwable thrown = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ProviderException failure) {
                return failure;
            }
        }
        return null;
    }
}
