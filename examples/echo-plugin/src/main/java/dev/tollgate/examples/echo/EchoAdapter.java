package dev.tollgate.examples.echo;

import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatResponse;
import dev.tollgate.spi.ChunkSink;
import dev.tollgate.spi.ProviderAdapter;
import dev.tollgate.spi.ProviderCall;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.spi.ProviderFailure;
import dev.tollgate.spi.Usage;
import org.pf4j.Extension;

import java.util.List;

/**
 * A provider that answers every request with the last user message, word for word: the smallest
 * complete {@link ProviderAdapter}. Configure it as {@code plugin: echo} in providers.yaml.
 */
@Extension
public final class EchoAdapter implements ProviderAdapter {

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public ChatResponse complete(ProviderCall call) throws ProviderException {
        String text = lastUserText(call);
        ChatMessage reply = ChatMessage.of("assistant", "echo: " + text);
        return new ChatResponse("echo-" + System.nanoTime(), "chat.completion", System.currentTimeMillis() / 1000,
                call.upstreamModel(), List.of(new ChatResponse.Choice(0, reply, "stop", null)), usage(text), null);
    }

    @Override
    public void stream(ProviderCall call, ChunkSink sink) throws ProviderException {
        String text = lastUserText(call);
        String id = "echo-" + System.nanoTime();
        long created = System.currentTimeMillis() / 1000;
        sink.accept(chunk(id, created, call, new ChatMessage("assistant", "", null, null, null, null), null));
        for (String word : ("echo: " + text).split("(?<= )")) {
            sink.accept(chunk(id, created, call, ChatMessage.of(null, word), null));
        }
        sink.accept(chunk(id, created, call, new ChatMessage(null, null, null, null, null, null), "stop"));
        sink.accept(new ChatChunk(id, "chat.completion.chunk", created, call.upstreamModel(), List.of(), usage(text), null));
    }

    private static String lastUserText(ProviderCall call) throws ProviderException {
        List<ChatMessage> messages = call.request().messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        // Errors are reported in the gateway's closed set: a bad request is not retried elsewhere.
        throw new ProviderException(ProviderFailure.of(ProviderFailure.Kind.BAD_REQUEST, 400, "there is no user message to echo"));
    }

    private static Usage usage(String text) {
        long words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
        return Usage.of(words, words + 1);
    }

    private static ChatChunk chunk(String id, long created, ProviderCall call, ChatMessage delta, String finishReason) {
        return new ChatChunk(id, "chat.completion.chunk", created, call.upstreamModel(),
                List.of(new ChatChunk.Choice(0, delta, finishReason, null)), null, null);
    }
}
