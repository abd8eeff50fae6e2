package dev.tollgate.spi;

/** Receives the chunks of a streamed completion, in order, as they arrive. */
@FunctionalInterface
public interface ChunkSink {
    void accept(ChatChunk chunk);
}
