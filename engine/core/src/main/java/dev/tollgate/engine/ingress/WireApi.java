package dev.tollgate.engine.ingress;

import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.SseStream;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.Usage;
import org.apache.camel.Exchange;

/**
 * One wire API clients speak to the gateway (OpenAI Chat Completions, Anthropic Messages, OpenAI
 * Responses, Google's Gemini API). Only the edges differ: each turns its request body into the canonical
 * {@link ChatRequest} and writes the canonical answer, stream and errors back in its own shape;
 * policy, quotas, fallback and the ledger see the canonical request only.
 */
public interface WireApi {
    /** The exchange property holding the request's wire API. */
    String PROPERTY = "tollgate.wire-api";

    /** A short name: {@code chat}, {@code messages}, {@code responses}, {@code gemini}. */
    String name();

    /** The canonical request in a body, or the 4xx error that says what is wrong with it. */
    ChatRequest parse(byte[] body, long maxBodyBytes, String defaultModel) throws ApiError;

    /** A finished answer as this API's JSON body; {@code usage} is the upstream's or our estimate. */
    String reply(ChatRequest request, ChatResponse response, Usage usage);

    /** Writes one streamed answer to the client in this API's event sequence. */
    StreamWriter streamWriter(SseStream client, ChatRequest request);

    /** An error as this API's JSON body. */
    String error(ApiError error);

    /** The answer to a token-count request: Anthropic's {@code {"input_tokens": n}} unless the API has its own shape. */
    default String tokenCount(long inputTokens) {
        return WireJson.write(java.util.Map.of("input_tokens", inputTokens));
    }

    /** The wire API of a request; Chat Completions for exchanges that did not come through an ingress. */
    static WireApi of(Exchange exchange) {
        WireApi api = exchange.getProperty(PROPERTY, WireApi.class);
        return api != null ? api : ChatCompletionsApi.INSTANCE;
    }
}
