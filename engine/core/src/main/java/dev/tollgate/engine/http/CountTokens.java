package dev.tollgate.engine.http;

import dev.tollgate.engine.ingress.WireApi;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /v1/messages/count_tokens} and Gemini's {@code :countTokens}: the prompt's size as the
 * gateway estimates it (the same estimate the policy decides with), in the ingress's shape
 * (Anthropic's {@code {"input_tokens": n}}, Gemini's {@code {"totalTokens": n}}). Claude Code asks
 * before compacting a long conversation; no upstream is called.
 */
public final class CountTokens implements Processor {

    @Override
    public void process(Exchange exchange) {
        ChatRequest request = exchange.getProperty(ParseChatRequest.PROPERTY, ChatRequest.class);
        JsonReply.write(exchange.getMessage(), 200, WireApi.of(exchange).tokenCount(TokenEstimate.of(request)));
    }
}
