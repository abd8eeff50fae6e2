package dev.tollgate.engine.http;

import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Reply: the completion as JSON in the ingress's wire API, with the {@code x-tollgate-*} headers (a stream has already been written). */
public final class WriteReply implements Processor {

    @Override
    public void process(Exchange exchange) {
        FallbackAttempts attempts = exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class);
        Served served = attempts.served();
        if (served == null || served.response() == null) {
            return;
        }
        Message message = exchange.getMessage();
        JsonReply.write(message, 200, WireApi.of(exchange).reply(attempts.request(), served.response(), served.usage()));
        TollgateHeaders.all(attempts, served).forEach(message::setHeader);
    }
}
