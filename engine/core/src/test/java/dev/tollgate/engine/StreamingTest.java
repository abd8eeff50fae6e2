package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingTest {
    private static final Model FIRST = Model.free("groq/llama", 0.8);
    private static final Model SECOND = Model.free("google/flash", 0.6);

    private final TestGateway gateway = new TestGateway().model(FIRST).model(SECOND);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    /** What the client saw: each data line with the time it arrived, from the moment the request was sent. */
    private record Received(int status, Map<String, List<String>> headers, List<String> events, List<Long> millis) {
    }

    private Received stream(String body) throws Exception {
        return stream(gateway.baseUri().resolve("/v1/chat/completions"), body);
    }

    private Received stream(URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<String> events = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring("data: ".length()));
                    millis.add((System.nanoTime() - sent) / 1_000_000);
                }
            }
        }
        return new Received(response.statusCode(), response.headers().map(), events, millis);
    }

    @Test
    void chunksReachTheClientAsTheUpstreamSendsThem() throws Exception {
        gateway.start();
        gateway.upstreams().streams(SECOND, List.of("warm"), 1, 1, 0);
        stream(TestGateway.chat("google/flash", true));
        // Five content chunks, 300 ms apart.
        gateway.upstreams().streams(FIRST, List.of("Tolls ", "at ", "the ", "gate ", "hum"), 30, 5, 1500);
        long upstreamFirstChunk = stream(gateway.upstreamUri(FIRST), TestGateway.chat(FIRST.upstream(), true)).millis().get(0);

        Received received = stream(TestGateway.chat("auto", true));

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.headers().get("content-type").get(0)).startsWith("text/event-stream");
        assertThat(received.headers().get("x-tollgate-model")).containsExactly("groq/llama");
        assertThat(received.millis().get(0)).as("first chunk, ms after the request").isLessThan(1000)
                .as("first chunk vs the upstream's own first chunk (%d ms)", upstreamFirstChunk)
                .isLessThan(upstreamFirstChunk + 250);
        assertThat(received.millis().get(received.millis().size() - 1)).as("last chunk: the upstream took its time")
                .isGreaterThan(1100);
        assertThat(String.join("", received.events())).contains("Tolls ", "hum");
        assertThat(received.events().get(received.events().size() - 1)).isEqualTo("[DONE]");
        assertThat(received.events()).as("the client did not ask for usage").noneMatch(e -> e.contains("\"usage\""));

        Map<String, Object> row = gateway.ledger(2).get(1);
        assertThat(row).containsEntry("stream", 1).containsEntry("prompt_tokens", 30).containsEntry("completion_tokens", 5)
                .containsEntry("usage_estimated", 0).containsEntry("outcome", "ok");
    }

    @Test
    void theUsageChunkIsForwardedWhenTheClientAsksForIt() throws Exception {
        gateway.start();
        gateway.upstreams().streams(FIRST, List.of("Hi"), 7, 1, 0);

        Received received = stream("""
                {"model": "auto", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "Hi"}]}""");

        assertThat(received.events()).anyMatch(e -> e.contains("\"usage\"") && e.contains("\"prompt_tokens\":7"));
    }

    @Test
    void fallsBackToTheNextCandidateBeforeTheFirstByte() throws Exception {
        gateway.start();
        gateway.upstreams().unavailable(FIRST);
        gateway.upstreams().streams(SECOND, List.of("From ", "the second"), 10, 3, 0);

        Received received = stream(TestGateway.chat("auto", true));

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.headers().get("x-tollgate-model")).containsExactly("google/flash");
        assertThat(String.join("", received.events())).contains("the second").doesNotContain("overloaded");
        assertThat(gateway.upstreams().calls(FIRST)).isEqualTo(1);
        gateway.ledger(1);
        assertThat(gateway.query("SELECT outcome FROM attempts ORDER BY seq"))
                .extracting(r -> r.get("outcome")).containsExactly("unavailable", "ok");
    }

    @Test
    void aStreamThatBreaksAfterItsFirstChunkEndsWithAnErrorAndIsNotRetriedElsewhere() throws Exception {
        gateway.start();
        gateway.upstreams().streamsThenBreaks(FIRST, "Half an ans");
        gateway.upstreams().streams(SECOND, List.of("never"), 1, 1, 0);

        Received received = stream(TestGateway.chat("auto", true));

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.events().get(0)).contains("Half an ans");
        assertThat(received.events().get(received.events().size() - 1)).contains("\"error\"", "stream_interrupted");
        assertThat(gateway.upstreams().calls(SECOND)).isZero();
        assertThat(gateway.ledger(1).get(0)).containsEntry("outcome", "stream_broken");
    }
}
