package dev.tollgate.spi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SseEventsTest {
    private static final ProviderEndpoint ENDPOINT = new ProviderEndpoint("acme", URI.create("http://127.0.0.1:1/v1"),
            null, Map.of(), Duration.ofSeconds(1), Duration.ofMillis(600));

    @Test
    void readsEachEventsDataSkippingCommentsAndOtherFields() throws Exception {
        SseEvents events = new SseEvents(ENDPOINT, stream("""
                : OPENROUTER PROCESSING

                event: message_start
                id: 1
                retry: 1000
                data: {"a":1}

                data:{"b":
                data: 2}

                data: [DONE]
                """));

        assertThat(events.next()).isEqualTo("{\"a\":1}");
        assertThat(events.next()).isEqualTo("{\"b\":\n2}");
        assertThat(events.next()).isEqualTo("[DONE]");
        assertThat(events.next()).isNull();
    }

    @Test
    void anEventCutByTheEndOfTheBodyIsStillRead() throws Exception {
        SseEvents events = new SseEvents(ENDPOINT, stream("data: {\"a\":1}"));

        assertThat(events.next()).isEqualTo("{\"a\":1}");
        assertThat(events.next()).isNull();
    }

    @Test
    void anUpstreamThatStallsInTheMiddleIsATimeoutWithinTheEndpointsTimeout() throws Exception {
        long started = System.nanoTime();
        ProviderException thrown;
        try (StallingUpstream upstream = StallingUpstream.streamOf("data: {\"a\":1}\n\n")) {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(upstream.uri("/v1/chat/completions")).build(), HttpResponse.BodyHandlers.ofInputStream());
            SseEvents events = new SseEvents(ENDPOINT, response.body());

            assertThat(events.next()).isEqualTo("{\"a\":1}");
            thrown = catchThrowableOfType(ProviderException.class, events::next);
        }

        assertThat(thrown.failure().kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
        assertThat(thrown.failure().message()).isEqualTo("acme sent nothing for 600 ms in the middle of a stream");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
