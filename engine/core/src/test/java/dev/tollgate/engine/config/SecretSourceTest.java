package dev.tollgate.engine.config;

import dev.tollgate.spi.ApiKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretSourceTest {

    @TempDir
    Path dir;

    private Path dotEnv(String content) throws IOException {
        return Files.writeString(dir.resolve(".env"), content);
    }

    private static String revealed(SecretSource secrets, String variable) {
        return secrets.key(variable).map(ApiKey::reveal).orElse(null);
    }

    @Test
    void readsKeysFromADotEnvFile() throws Exception {
        Path file = dotEnv("""
                # provider keys
                GROQ_API_KEY=gsk_plain_value

                export OPENAI_API_KEY=sk-exported-value
                OPENROUTER_API_KEY="sk-or-double-quoted"
                GEMINI_API_KEY='single quoted # not a comment'
                TOGETHER_API_KEY = spaced-value-here   # a trailing comment
                HF_TOKEN=hf_with#hash_inside
                """);

        SecretSource secrets = SecretSource.load(file, Map.of());

        assertThat(revealed(secrets, "GROQ_API_KEY")).isEqualTo("gsk_plain_value");
        assertThat(revealed(secrets, "OPENAI_API_KEY")).isEqualTo("sk-exported-value");
        assertThat(revealed(secrets, "OPENROUTER_API_KEY")).isEqualTo("sk-or-double-quoted");
        assertThat(revealed(secrets, "GEMINI_API_KEY")).isEqualTo("single quoted # not a comment");
        assertThat(revealed(secrets, "TOGETHER_API_KEY")).isEqualTo("spaced-value-here");
        assertThat(revealed(secrets, "HF_TOKEN")).isEqualTo("hf_with#hash_inside");
    }

    @Test
    void letsTheEnvironmentWinOverTheDotEnvFile() throws Exception {
        Path file = dotEnv("GROQ_API_KEY=from-the-file\nOPENAI_API_KEY=sk-only-in-file\n");

        SecretSource secrets = SecretSource.load(file, Map.of("GROQ_API_KEY", "from-the-environment"));

        assertThat(revealed(secrets, "GROQ_API_KEY")).isEqualTo("from-the-environment");
        assertThat(revealed(secrets, "OPENAI_API_KEY")).isEqualTo("sk-only-in-file");
    }

    @Test
    void fallsBackToTheDotEnvFileWhenTheEnvironmentVariableIsBlank() throws Exception {
        Path file = dotEnv("GROQ_API_KEY=from-the-file\n");

        SecretSource secrets = SecretSource.load(file, Map.of("GROQ_API_KEY", " "));

        assertThat(revealed(secrets, "GROQ_API_KEY")).isEqualTo("from-the-file");
    }

    @Test
    void usesTheEnvironmentAloneWhenThereIsNoDotEnvFile() throws Exception {
        SecretSource secrets = SecretSource.load(dir.resolve(".env"), Map.of("GROQ_API_KEY", "gsk_from_env"));

        assertThat(revealed(secrets, "GROQ_API_KEY")).isEqualTo("gsk_from_env");
        assertThat(secrets.key("OPENAI_API_KEY")).isEmpty();
    }

    @Test
    void neverShowsAKeyInItsToString() {
        SecretSource secrets = SecretSource.of(Map.of("GROQ_API_KEY", "gsk_secret_value"));

        assertThat(secrets.key("GROQ_API_KEY")).get().asString().doesNotContain("gsk_secret_value");
    }

    @Test
    void redactsKeysItHandedOutAndEveryDotEnvValue() throws Exception {
        Path file = dotEnv("OPENAI_API_KEY=sk-never-asked-for\n");
        SecretSource secrets = SecretSource.load(file, Map.of("GROQ_API_KEY", "gsk_handed_out", "OTHER", "not-handed-out"));
        secrets.key("GROQ_API_KEY");

        String redacted = secrets.redact("groq said 401 for gsk_handed_out; openai sk-never-asked-for; not-handed-out");

        assertThat(redacted).isEqualTo("groq said 401 for ***; openai ***; not-handed-out");
    }

    @Test
    void leavesShortValuesInPlaceWhenRedacting() throws Exception {
        SecretSource secrets = SecretSource.load(dotEnv("DEBUG=true\nTOKEN=abcdef\n"), Map.of());

        assertThat(secrets.redact("debug is true, token abcdef")).isEqualTo("debug is true, token ***");
    }

    @Test
    void redactsALongerSecretWhole() throws Exception {
        SecretSource secrets = SecretSource.load(dotEnv("A=secret-one\nB=secret-one-and-more\n"), Map.of());

        assertThat(secrets.redact("x secret-one-and-more y secret-one")).isEqualTo("x *** y ***");
    }

    @Test
    void positionsMalformedDotEnvLinesWithoutQuotingThem() throws Exception {
        Path file = dotEnv("GROQ_API_KEY=ok-value\njust-a-secret-pasted-here\nOPENAI_API_KEY=\"sk-unterminated\n");

        ConfigException failure = assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> SecretSource.load(file, Map.of()))
                .actual();

        assertThat(failure.getMessage().replace(dir + "/", "")).isEqualTo("""
                .env:2:1: expected KEY=value
                .env:3:16: the value of OPENAI_API_KEY has an unmatched quote""");
        assertThat(failure.getMessage()).doesNotContain("just-a-secret", "sk-unterminated");
    }
}
