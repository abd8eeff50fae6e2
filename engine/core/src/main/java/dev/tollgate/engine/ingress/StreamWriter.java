package dev.tollgate.engine.ingress;

import dev.tollgate.spi.ChatChunk;
import dev.tollgate.spi.Usage;

import java.util.Map;

/**
 * Turns the canonical chunks of one streamed answer into a wire API's server-sent events. The
 * stream is already open (status and headers sent) when the first method is called.
 */
public interface StreamWriter {

    /** One upstream chunk, as it arrives. */
    void chunk(ChatChunk chunk);

    /** The upstream stream ended: the closing events, then the end of the response with {@code trailers}. */
    void done(Usage usage, Map<String, String> trailers);

    /** The upstream broke off after the stream was opened: an error event, then the end. */
    void fail(String message);
}
