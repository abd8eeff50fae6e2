package dev.tollgate.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

    /**
     * What every provider adapter must do with a stream that goes quiet in the middle: pass on the chunks sent before
     * the stall, then fail with a {@link ProviderFailure.Kind#TIMEOUT} naming the provider once the endpoint's timeout
     * has passed, long before the upstream's 10 s stall ends.
     *
     * @param events the upstream's SSE events before the stall, in its own format
     * @param callTo the call to make, given the stalling upstream (its endpoint's timeout should be well under 5 s)
     */
    public static void assertAStallInTheMiddleIsATimeout(ProviderAdapter adapter, String events,
                                                         Function<StallingUpstream, ProviderCall> callTo) throws IOException {
        List<ChatChunk> chunks = new ArrayList<>();
        long started = System.nanoTime();
        try (StallingUpstream stalling = streamOf(events)) {
            ProviderCall call = callTo.apply(stalling);
            ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> adapter.stream(call, chunks::add));

            assertThat(chunks).as("the chunks sent before the stall").isNotEmpty();
            assertThat(thrown).as("a ProviderException").isNotNull();
            assertThat(thrown.failure().kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
            assertThat(thrown.failure().message()).isEqualTo(call.endpoint().provider() + " sent nothing for "
                    + UpstreamHttp.describe(call.endpoint().timeout()) + " in the middle of a stream");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
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
