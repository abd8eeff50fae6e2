package dev.tollgate.engine.metrics;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** With gateway.otlp-traces-endpoint set, the routes' spans reach an OTLP/HTTP collector (here a stub). */
class TraceExportTest {
    private static final Model FREE = Model.free("groq/llama", 0.8);

    private final WireMockServer collector = new WireMockServer(wireMockConfig().dynamicPort());
    private final TestGateway gateway = new TestGateway().model(FREE);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        collector.stop();
    }

    @Test
    void aServedRequestIsTracedToTheConfiguredCollectorWithoutItsKey() throws Exception {
        collector.start();
        collector.stubFor(post("/v1/traces").willReturn(ok()));
        gateway.configFile("gateway.yaml", """
                gateway:
                  ledger: data/ledger.db
                  otlp-traces-endpoint: %s/v1/traces
                """.formatted(collector.baseUrl())).start();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);

        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).statusCode()).isEqualTo(200);

        List<LoggedRequest> exports = List.of();
        for (int i = 0; i < 100 && exports.isEmpty(); i++) {
            Thread.sleep(100);
            exports = collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")));
        }
        assertThat(exports).isNotEmpty();
        String sent = exports.stream().map(r -> new String(r.getBody(), StandardCharsets.ISO_8859_1))
                .reduce("", String::concat);
        assertThat(exports.get(0).getHeader("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(sent).contains("tollgate", "/v1/chat/completions").doesNotContain(TestGateway.keyOf(FREE.provider()));
    }
}
