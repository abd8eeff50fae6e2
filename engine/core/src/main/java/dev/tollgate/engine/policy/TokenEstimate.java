package dev.tollgate.engine.policy;

import dev.tollgate.spi.ChatMessage;
import dev.tollgate.spi.ChatRequest;

/** A tokenizer-free estimate of a prompt's size: about four characters a token, plus framing per message. */
public final class TokenEstimate {
    private static final int CHARS_PER_TOKEN = 4;
    private static final int TOKENS_PER_MESSAGE = 4;

    private TokenEstimate() {
    }

    public static int of(ChatRequest request) {
        long chars = 0;
        for (ChatMessage message : request.messages()) {
            chars += message.text().length();
        }
        return ofText(chars) + TOKENS_PER_MESSAGE * request.messages().size();
    }

    public static int ofText(long chars) {
        return (int) Math.min(Integer.MAX_VALUE, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }
}
