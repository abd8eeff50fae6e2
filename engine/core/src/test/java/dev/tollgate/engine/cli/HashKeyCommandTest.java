package dev.tollgate.engine.cli;

import dev.tollgate.engine.config.KeyHash;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HashKeyCommandTest {

    @Test
    void hashesTheKeyReadFromStandardInput() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("tg-my-key-123\n".getBytes(StandardCharsets.UTF_8)));
            CliRun run = CliRun.of("hash-key");

            assertThat(run.status()).isZero();
            // sha256 of "tg-my-key-123", as sha256sum prints it.
            assertThat(run.out().strip()).isEqualTo("sha256:47dfea45f983d236dd01b4c23fca29c4f5976167050be810d984467465c50ffb");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void generatesARandomKeyWithItsHash() {
        CliRun first = CliRun.of("hash-key", "--generate");
        CliRun second = CliRun.of("hash-key", "--generate");

        String key = first.out().lines().filter(l -> l.startsWith("key:")).findFirst().orElseThrow().split("\\s+")[1];
        String hash = first.out().lines().filter(l -> l.startsWith("hash:")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(key).startsWith("tg-").hasSizeGreaterThan(40);
        assertThat(hash).isEqualTo(KeyHash.of(key));
        assertThat(second.out()).doesNotContain(key);
    }
}
