package dev.tollgate.engine.routing;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** After the attempts: if no candidate answered (and no stream was cut off mid-way), the request fails. */
public final class RequireAnswer implements Processor {

    @Override
    public void process(Exchange exchange) throws NoCandidateServed {
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        if (attempts.served() == null && !attempts.streamBroken()) {
            throw new NoCandidateServed(attempts);
        }
    }
}
