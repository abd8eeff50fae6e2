package dev.tollgate.engine.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.util.Map;

/**
 * Server-sent events written straight to the client's Vert.x response, one event per upstream
 * chunk as it arrives. Handing Camel a finished body would buffer the whole stream; this is the
 * only class that touches Vert.x. Once the stream is opened, Camel leaves the ended response alone.
 */
public final class SseStream {
    private final HttpServerResponse response;
    private boolean opened;

    private SseStream(HttpServerResponse response) {
        this.response = response;
    }

    public static SseStream of(Exchange exchange) {
        HttpMessage message = exchange.getMessage(HttpMessage.class);
        if (message == null) {
            throw new IllegalStateException("streaming needs the platform-http Vert.x message");
        }
        return new SseStream(message.getResponse());
    }

    public boolean opened() {
        return opened;
    }

    /** Sends the status line and headers; after this no other candidate can answer. */
    public void open(Map<String, String> headers) {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Connection", "keep-alive");
        headers.forEach(response::putHeader);
        opened = true;
    }

    /** Writes one {@code data:} event; throws {@link ClientGone} if the client has disconnected. */
    public void send(String json) {
        if (response.closed()) {
            throw new ClientGone();
        }
        response.write(Buffer.buffer("data: " + json + "\n\n"));
    }

    /** Writes one named event ({@code event: <name>}, then its {@code data:}), as Anthropic and Responses streams do. */
    public void event(String name, String json) {
        if (response.closed()) {
            throw new ClientGone();
        }
        response.write(Buffer.buffer("event: " + name + "\ndata: " + json + "\n\n"));
    }

    /** Ends the stream with {@code data: [DONE]}, adding the trailers known only at the end (the cost). */
    public void done(Map<String, String> trailers) {
        if (response.closed()) {
            return;
        }
        response.write(Buffer.buffer("data: [DONE]\n\n"));
        end(trailers);
    }

    /** Ends the stream as it is, adding the trailers known only at the end. */
    public void end(Map<String, String> trailers) {
        if (response.closed()) {
            return;
        }
        trailers.forEach(response::putTrailer);
        response.end();
    }

    /** Ends a stream that broke after it was opened with one named error event. */
    public void failWith(String event, String errorJson) {
        if (response.closed()) {
            return;
        }
        response.write(Buffer.buffer("event: " + event + "\ndata: " + errorJson + "\n\n"));
        response.end();
    }

    /** Ends a stream that broke after it was opened: an error event, then the end. */
    public void fail(String errorJson) {
        if (response.closed()) {
            return;
        }
        response.write(Buffer.buffer("data: " + errorJson + "\n\n"));
        response.end();
    }

    /** The client closed its connection while we were streaming to it. */
    public static final class ClientGone extends RuntimeException {
        public ClientGone() {
            super("the client closed the connection");
        }
    }
}
