package dev.tollgate.engine.coder;

import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.CoderRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Identify coder: the caller's key may name its coder; otherwise the coder adapters look at the
 * request's headers and prompts. Secrets (the gateway key, cookies) are never shown to adapters.
 */
public final class IdentifyCoder implements Processor {
    public static final String PROPERTY = "tollgate.coder";
    private static final Set<String> HIDDEN = Set.of("authorization", "x-api-key", "x-goog-api-key", "cookie",
            "proxy-authorization", "key"); // "key": the ?key= query parameter, which Camel also gives as a header

    private final Coders coders;

    public IdentifyCoder(Coders coders) {
        this.coders = coders;
    }

    @Override
    public void process(Exchange exchange) {
        ChatRequest request = exchange.getProperty(ParseChatRequest.PROPERTY, ChatRequest.class);
        Authenticate.Terms terms = exchange.getProperty(Authenticate.PROPERTY, Authenticate.Terms.class);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value instanceof String text && !name.startsWith("Camel") && !HIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, text);
            }
        });
        CoderRequest coderRequest = new CoderRequest(WireApi.of(exchange).name(), headers, request);
        exchange.setProperty(PROPERTY, coders.identify(coderRequest, terms.caller().coder()));
    }
}
