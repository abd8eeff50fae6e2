package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized request heads are refused by the HTTP server with a clear status before any of the
 * gateway's code runs, and the gateway keeps serving. (Oversized bodies: {@link BadInputTest}.)
 */
class RequestLimitsTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL);

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        gateway.upstreams().answers(MODEL, "fine", 5, 1);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aHugeHeaderIsRefusedWith431() throws Exception {
        String status = statusLine("POST /v1/chat/completions HTTP/1.1", "x-padding: " + "a".repeat(64 * 1024));

        assertThat(status).matches("HTTP/1\\.[01] 431 .*");
        assertStillServes();
    }

    @Test
    void manyHeadersAddingUpPastTheLimitAreRefusedWith431() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            headers.append("x-h").append(i).append(": ").append("b".repeat(40)).append("\r\n");
        }
        String status = statusLine("POST /v1/chat/completions HTTP/1.1", headers.toString().strip());

        assertThat(status).matches("HTTP/1\\.[01] 431 .*");
        assertStillServes();
    }

    @Test
    void aHugeRequestLineIsRefusedWith414() throws Exception {
        String status = statusLine("POST /v1/chat/completions?" + "q=".repeat(8 * 1024) + " HTTP/1.1", "x-ok: 1");

        assertThat(status).matches("HTTP/1\\.[01] 414 .*");
        assertStillServes();
    }

    private void assertStillServes() throws Exception {
        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).statusCode()).isEqualTo(200);
    }

    /** Sends a request head (and a small body) over a raw socket, since HTTP clients refuse to send such heads. */
    private String statusLine(String requestLine, String headers) throws IOException {
        String body = TestGateway.chat("auto", false);
        try (Socket socket = new Socket("127.0.0.1", gateway.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                    + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return line == null ? "(connection closed without an answer)" : line;
        }
    }
}
