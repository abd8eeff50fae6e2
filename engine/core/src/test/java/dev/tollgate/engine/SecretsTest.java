package dev.tollgate.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider keys never appear in logs, in errors sent to clients, or in the ledger. */
class SecretsTest {
    private static final Model FIRST = Model.free("groq/llama", 0.8);
    private static final Model SECOND = Model.paid("openai/gpt", 0.9, "1", "1");
    private static final String FIRST_KEY = TestGateway.keyOf("groq");
    private static final String SECOND_KEY = TestGateway.keyOf("openai");

    private final TestGateway gateway = new TestGateway().model(FIRST).model(SECOND).profile("CAREFUL");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger tollgate = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.tollgate");
    private final Level levelBefore = tollgate.getLevel();

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
        tollgate.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(logs);
        tollgate.setLevel(levelBefore);
        gateway.close();
    }

    @Test
    void keysEchoedByUpstreamsNeverReachLogsClientsOrTheLedger() throws Exception {
        gateway.start();
        // OpenAI-style 401 that quotes the key, then a 400 that does too.
        gateway.upstreams().fails(FIRST, 401, """
                {"error": {"message": "Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.",
                  "type": "invalid_request_error", "param": null, "code": "invalid_api_key"}}""".formatted(FIRST_KEY));
        gateway.upstreams().fails(SECOND, 400, """
                {"error": {"message": "Bad request made with key %s", "type": "invalid_request_error", "param": null, "code": null}}"""
                .formatted(SECOND_KEY));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        gateway.ledger(1);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("***").doesNotContain(FIRST_KEY, SECOND_KEY);
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getThrowableProxy())
                .doesNotContain(FIRST_KEY, SECOND_KEY));
        try (Stream<Path> files = Files.list(gateway.home().resolve("data"))) {
            for (Path file : files.toList()) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(FIRST_KEY, SECOND_KEY);
            }
        }
        assertThat(gateway.query("SELECT message FROM attempts")).extracting(r -> String.valueOf(r.get("message")))
                .anySatisfy(message -> assertThat(message).contains("Incorrect API key provided: ***"));
    }
}
