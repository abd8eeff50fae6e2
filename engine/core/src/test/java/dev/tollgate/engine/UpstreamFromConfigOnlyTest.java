package dev.tollgate.engine;

import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No SSRF: where the gateway connects comes from config alone. Whatever a client puts in headers
 * or in the body (a base URL, a custom host, a URL as the model name), the gateway calls only the
 * configured upstream, never the address the client named.
 */
class UpstreamFromConfigOnlyTest {
    private static final Model MODEL = Model.free("groq/llama", 0.8);

    private final TestGateway gateway = new TestGateway().model(MODEL);
    private ServerSocket elsewhere;
    private final AtomicInteger connectionsElsewhere = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        gateway.start();
        gateway.upstreams().answers(MODEL, "from the configured upstream", 5, 3);
        // The address a hostile client would like the gateway to call: it counts every connection.
        elsewhere = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread counter = new Thread(() -> {
            while (!elsewhere.isClosed()) {
                try (Socket ignored = elsewhere.accept()) {
                    connectionsElsewhere.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        counter.setDaemon(true);
        counter.start();
    }

    @AfterEach
    void stop() throws Exception {
        elsewhere.close();
        gateway.close();
    }

    @Test
    void clientHeadersNamingAnotherHostAreIgnored() throws Exception {
        String target = "http://127.0.0.1:" + elsewhere.getLocalPort() + "/v1";
        var response = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false), Map.of(
                "x-portkey-custom-host", target,
                "x-portkey-provider", "openai",
                "x-tollgate-base-url", target,
                "x-base-url", target,
                "x-api-base", target,
                "x-forwarded-host", "127.0.0.1:" + elsewhere.getLocalPort(),
                "openai-base-url", target));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from the configured upstream");
        assertServedByConfigOnly(1);
    }

    @Test
    void bodyFieldsNamingAnotherHostAreIgnored() throws Exception {
        String target = "http://127.0.0.1:" + elsewhere.getLocalPort() + "/v1";
        var response = gateway.post("/v1/chat/completions", """
                {"model": "auto", "base_url": "%1$s", "api_base": "%1$s", "baseURL": "%1$s", "custom_host": "%1$s",
                 "provider": {"base_url": "%1$s"},
                 "messages": [{"role": "user", "content": "hi"}]}""".formatted(target));

        assertThat(response.statusCode()).isEqualTo(200);
        assertServedByConfigOnly(1);
    }

    @Test
    void aUrlAsTheModelNameIsNotCalled() throws Exception {
        for (String model : new String[] {
                "http://127.0.0.1:" + elsewhere.getLocalPort() + "/v1",
                "openai/http://127.0.0.1:" + elsewhere.getLocalPort(),
                "groq/http://127.0.0.1:" + elsewhere.getLocalPort() + "/v1/chat/completions",
                "//127.0.0.1:" + elsewhere.getLocalPort()}) {
            var response = gateway.post("/v1/chat/completions", TestGateway.chat(model, false));
            assertThat(response.statusCode()).as(model).isIn(200, 400, 403, 404);
        }
        assertServedByConfigOnly(-1);
    }

    private void assertServedByConfigOnly(int expectedUpstreamCalls) throws InterruptedException {
        // A connection attempt would be accepted at once; give a stray one time to show up.
        Thread.sleep(200);
        assertThat(connectionsElsewhere.get()).as("connections to the client-named address").isZero();
        if (expectedUpstreamCalls >= 0) {
            assertThat(gateway.upstreams().calls(MODEL)).isEqualTo(expectedUpstreamCalls);
        }
    }
}
