package dev.tollgate.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * For the provider plugins' tests: an upstream that sends its headers and the start of a body at once, then nothing
 * for 10 s (WireMock delays the headers too, so it cannot stall in the middle of a body).
 */
public final class StallingUpstream implements AutoCloseable {
    private final ServerSocket server;

    /**
     * @param contentType the answer's {@code Content-Type}
     * @param framing     {@code Content-Length: N} or {@code Transfer-Encoding: chunked}
     * @param start       the bytes of the body sent before the stall (chunk framing included, if chunked)
     */
    public StallingUpstream(String contentType, String framing, String start) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n" + framing
                        + "\r\n\r\n" + start).getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                Thread.sleep(10_000);
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "stalling-upstream");
        thread.setDaemon(true);
        thread.start();
    }

    /** A chunked stream that sends {@code events} (whole SSE events) and then stalls. */
    public static StallingUpstream streamOf(String events) throws IOException {
        int length = events.getBytes(StandardCharsets.UTF_8).length;
        return new StallingUpstream("text/event-stream", "Transfer-Encoding: chunked",
                Integer.toHexString(length) + "\r\n" + events + "\r\n");
    }

    /** {@code http://127.0.0.1:PORT} + {@code path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
