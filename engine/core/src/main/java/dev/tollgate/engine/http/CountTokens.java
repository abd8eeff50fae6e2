package dev.tollgate.engine.http;

import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Map;

/**
 * {@code POST /v1/messages/count_tokens}: the prompt's size as the gateway estimates it (the same
 * estimate the policy decides with), in Anthropic's {@code {"input_tokens": n}} shape. Claude Code
 * asks before compacting a long conversation; no upstream is called.
 */
public final class CountTokens implements Processor {

    @Override
    public void process(Exchange exchange) {
        ChatRequest request = exchange.getProperty(ParseChatRequest.PROPERTY, ChatRequest.class);
        JsonReply.write(exchange.getMessage(), 200, WireJson.write(Map.of("input_tokens", TokenEstimate.of(request))));
    }
}
