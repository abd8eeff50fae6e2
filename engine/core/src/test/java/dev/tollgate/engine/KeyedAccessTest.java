package dev.tollgate.engine;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.engine.TestGateway.Model;
import dev.tollgate.engine.config.KeyHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Gateway keys: kept as hashes, required once configured, and without them the gateway serves this machine only. */
class KeyedAccessTest {
    private static final Model FREE = Model.free("groq/llama", 0.8);
    private static final String KEY = "tg-laptop-0c9d8e7f6a5b4c3d2e1f";

    private final TestGateway gateway = new TestGateway().model(FREE);

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aKeyGivenByItsHashIsRequiredOnceConfigured() throws Exception {
        gateway.configFile("keys.yaml", """
                keys:
                  laptop:
                    key-hash: %s
                    team: platform
                """.formatted(KeyHash.of(KEY))).start();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);

        HttpResponse<String> without = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false));
        HttpResponse<String> wrong = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false),
                Map.of("Authorization", "Bearer tg-laptop-guess"));
        HttpResponse<String> theHashItself = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false),
                Map.of("Authorization", "Bearer " + KeyHash.of(KEY)));
        HttpResponse<String> right = gateway.post("/v1/chat/completions", TestGateway.chat("auto", false),
                Map.of("Authorization", "Bearer " + KEY));

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(theHashItself.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
        assertThat(gateway.ledger(1).get(0)).containsEntry("key_name", "laptop").containsEntry("team", "platform");
    }

    @Test
    void requireKeyFalseServesCallersWithoutAKeyEvenWithKeysConfigured() throws Exception {
        gateway.gatewayKey("laptop", "profile: FREE").configFile("gateway.yaml", """
                gateway:
                  ledger: data/ledger.db
                  require-key: false
                """).start();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);

        assertThat(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutKeysTheGatewayListensOnLoopbackOnlyAndSaysSo() throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "this machine has no network address besides loopback");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger gatewayLog = (Logger) LoggerFactory.getLogger(Gateway.class);
        logs.start();
        gatewayLog.addAppender(logs);
        gateway.writeConfig();
        try (Gateway open = Gateway.start(everywhere())) {
            assertThatThrownBy(() -> new Socket(lan.get(), open.port()).close()).isInstanceOf(java.net.ConnectException.class);
            HttpResponse<String> local = gateway.http().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + open.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(local.statusCode()).isEqualTo(200);
        } finally {
            gatewayLog.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("listening on 127.0.0.1 only, not on 0.0.0.0"));
    }

    @Test
    void withKeysTheGatewayServesOtherMachinesButOnlyWithAKey() throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "this machine has no network address besides loopback");
        gateway.configFile("keys.yaml", "keys:\n  laptop:\n    key-hash: " + KeyHash.of(KEY) + "\n").writeConfig();
        gateway.upstreams().answers(FREE, "Hi", 5, 1);
        try (Gateway open = Gateway.start(everywhere())) {
            URI fromLan = URI.create("http://" + lan.get().getHostAddress() + ":" + open.port() + "/v1/chat/completions");
            HttpResponse<String> without = gateway.http().send(HttpRequest.newBuilder(fromLan).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestGateway.chat("auto", false))).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> with = gateway.http().send(HttpRequest.newBuilder(fromLan).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(TestGateway.chat("auto", false))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        }
    }

    private Gateway.Options everywhere() {
        Gateway.Options local = gateway.options(gateway.home().resolve("config"));
        return new Gateway.Options(local.home(), local.configDir(), local.rulesDir(), local.pluginsDir(), local.envFile(),
                local.port(), "0.0.0.0");
    }

    private static Optional<InetAddress> lanAddress() throws Exception {
        return NetworkInterface.networkInterfaces().filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
