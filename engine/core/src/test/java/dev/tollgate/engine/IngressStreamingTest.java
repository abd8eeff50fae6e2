package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Anthropic and Responses ingresses stream: each translated event reaches the client as the
 * upstream's chunk arrives, not when the upstream has finished; a stream that breaks ends with the
 * ingress's own error event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngressStreamingTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL);

    /** One SSE event name with the time it arrived, in ms after the request was sent. */
    private record Event(String name, String data, long millis) {
    }

    /** One gateway for the class: each test stubs the upstream anew (WireMock answers with the latest stub). */
    @BeforeAll
    void start() throws Exception {
        gateway.start();
        // Warm up the route and the HTTP clients, so that the timings below measure streaming only.
        gateway.upstreams().streams(MODEL, List.of("warm"), 1, 1, 0);
        events("/v1/messages", "{\"model\": \"auto\", \"max_tokens\": 10, \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    private List<Event> events(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.baseUri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        String name = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, line.substring(6), (System.nanoTime() - sent) / 1_000_000));
                }
            }
        }
        return events;
    }

    private static long firstOf(List<Event> events, String name) {
        return events.stream().filter(e -> name.equals(e.name())).findFirst().orElseThrow().millis();
    }

    @Test
    void anthropicEventsArriveAsTheUpstreamSendsThem() throws Exception {
        // Five content chunks, 300 ms apart.
        gateway.upstreams().streams(MODEL, List.of("Tolls ", "at ", "the ", "gate ", "hum"), 30, 5, 1500);

        List<Event> events = events("/v1/messages?beta=true", """
                {"model": "auto", "max_tokens": 100, "stream": true, "messages": [{"role": "user", "content": "haiku"}]}""");

        assertThat(events.get(0).name()).isEqualTo("message_start");
        assertThat(firstOf(events, "content_block_delta")).as("first text delta, ms after the request").isLessThan(1000);
        assertThat(firstOf(events, "message_stop")).as("the end: the upstream took its time").isGreaterThan(1100);
        assertThat(events.stream().filter(e -> "content_block_delta".equals(e.name())).count()).isEqualTo(5);
    }

    @Test
    void responsesEventsArriveAsTheUpstreamSendsThem() throws Exception {
        gateway.upstreams().streams(MODEL, List.of("Tolls ", "at ", "the ", "gate ", "hum"), 30, 5, 1500);

        List<Event> events = events("/v1/responses", """
                {"model": "auto", "stream": true, "input": "haiku"}""");

        assertThat(events.get(0).name()).isEqualTo("response.created");
        assertThat(firstOf(events, "response.output_text.delta")).as("first text delta, ms after the request").isLessThan(1000);
        assertThat(firstOf(events, "response.completed")).isGreaterThan(1100);
    }

    @Test
    void aBrokenStreamEndsWithTheIngressErrorEvent() throws Exception {
        gateway.upstreams().streamsThenBreaks(MODEL, "Tolls ");

        List<Event> anthropic = events("/v1/messages", """
                {"model": "auto", "max_tokens": 100, "stream": true, "messages": [{"role": "user", "content": "haiku"}]}""");
        List<Event> responses = events("/v1/responses", """
                {"model": "auto", "stream": true, "input": "haiku"}""");

        assertThat(anthropic.get(anthropic.size() - 1).name()).isEqualTo("error");
        assertThat(anthropic.get(anthropic.size() - 1).data()).contains("\"type\":\"error\"", "api_error");
        assertThat(responses.get(responses.size() - 1).name()).isEqualTo("response.failed");
        assertThat(responses.get(responses.size() - 1).data()).contains("\"status\":\"failed\"");
    }
}
