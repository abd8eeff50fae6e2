package dev.tollgate.engine.config;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A config directory written by a test, so that each error case shows its YAML beside the positions it expects. */
final class ConfigDirectory {
    private final Path directory;

    private ConfigDirectory(Path directory) {
        this.directory = directory;
    }

    /** A directory whose providers.yaml declares groq and openrouter, for tests about the other files. */
    static ConfigDirectory withProviders(Path directory) {
        return new ConfigDirectory(directory).file("providers.yaml", """
                providers:
                  groq:
                    plugin: openai-compatible
                    base-url: https://api.groq.com/openai/v1
                    api-key-env: GROQ_API_KEY
                  openrouter:
                    plugin: openai-compatible
                    base-url: https://openrouter.ai/api/v1
                """);
    }

    static ConfigDirectory empty(Path directory) {
        return new ConfigDirectory(directory);
    }

    /** A models.yaml with one valid model, for tests about the other files. */
    ConfigDirectory withOneModel() {
        return file("models.yaml", """
                models:
                  groq/llama-3.3-70b:
                    provider: groq
                    context-window: 131072
                    quality: 0.62
                """);
    }

    ConfigDirectory file(String name, String yaml) {
        try {
            Files.writeString(directory.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path path() {
        return directory;
    }

    TollgateConfig load() throws ConfigException {
        return ConfigLoader.load(directory);
    }

    /** The problems loading reports, each as {@code file:line:column: message} with the file relative to the directory. */
    List<String> problems() {
        ConfigException failure = assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(this::load)
                .actual();
        return failure.problems().stream()
                .map(problem -> problem.toString().replace(directory + File.separator, ""))
                .toList();
    }
}
