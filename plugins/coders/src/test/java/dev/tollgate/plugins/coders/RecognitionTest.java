package dev.tollgate.plugins.coders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.spi.ChatRequest;
import dev.tollgate.spi.CoderAdapter;
import dev.tollgate.spi.CoderHints;
import dev.tollgate.spi.CoderRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every recording in {@code recordings/} (headers and body as the coder's public source sends them;
 * each names its source) is recognised by exactly the adapter it expects, with the expected hints,
 * and by no other adapter.
 */
class RecognitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<CoderAdapter> ADAPTERS = List.of(new AiderAdapter(), new ClaudeCodeAdapter(), new ClineAdapter(),
            new CodexCliAdapter(), new ContinueAdapter(), new GeminiCliAdapter(), new GitHubCopilotAdapter(),
            new KiloCodeAdapter(), new OpenHandsAdapter(), new OpencodeAdapter(), new RooCodeAdapter());

    static Stream<Path> recordings() throws IOException, URISyntaxException {
        Path dir = Path.of(RecognitionTest.class.getResource("/recordings").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void recognisesTheCoderAndItsHintsFromItsRecording(Path recording) throws IOException {
        JsonNode fixture = JSON.readTree(recording.toFile());
        assertThat(fixture.path("source").asText()).as("every recording names its source").isNotBlank();
        Map<String, String> headers = new LinkedHashMap<>();
        fixture.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        CoderRequest request = new CoderRequest(fixture.path("ingress").asText(), headers,
                JSON.treeToValue(fixture.path("body"), ChatRequest.class));
        JsonNode expect = fixture.path("expect");

        Map<String, CoderHints> claims = new LinkedHashMap<>();
        for (CoderAdapter adapter : ADAPTERS) {
            Optional<CoderHints> hints = adapter.recognise(request);
            hints.ifPresent(h -> claims.put(adapter.id(), h));
        }

        if (expect.path("coder").isNull()) {
            assertThat(claims).as("an unknown client is nobody's").isEmpty();
            return;
        }
        assertThat(claims.keySet()).containsExactly(expect.path("coder").asText());
        CoderHints hints = claims.values().iterator().next();
        assertThat(hints.task()).isEqualTo(expect.path("task").isNull() ? null : expect.path("task").asText());
        assertThat(hints.sideRequest()).isEqualTo(expect.path("side").asBoolean());
        assertThat(hints.mode()).isEqualTo(expect.path("mode").isNull() ? null : expect.path("mode").asText());
        assertThat(hints.signal()).isNotBlank();
    }
}
