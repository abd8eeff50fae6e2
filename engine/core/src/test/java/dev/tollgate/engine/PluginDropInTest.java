package dev.tollgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugins dropped into a running gateway's plugins folder: the example plugin (examples/echo-plugin),
 * built here outside the reactor against the SPI alone, becomes routable without a restart; broken ones (not a jar, a class its index names but it lacks, an exception at start)
 * are named in {@code GET /admin/api/plugins} and the gateway keeps serving.
 */
class PluginDropInTest {
    private static final Model OPENAI = Model.free("openai/base", 0.7);
    private static final Model ECHO = Model.free("echo/parrot", 0.9);
    private static final Path BUILT = Path.of(System.getProperty("tollgate.plugins"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path plugins;
    private TestGateway gateway;

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private void start() throws Exception {
        Files.copy(BUILT.resolve("openai-compatible.jar"), plugins.resolve("openai-compatible.jar"));
        gateway = new TestGateway().model(OPENAI).model(ECHO).plugin("echo", "echo").pluginsDir(plugins).start();
        gateway.upstreams().answers(OPENAI, "Served by the built-in plugin", 10, 5);
    }

    @Test
    void aPluginBuiltOutsideTheReactorAndCopiedIntoTheRunningGatewayIsRoutedTo() throws Exception {
        start();
        HttpResponse<String> before = gateway.post("/v1/chat/completions", TestGateway.chat(ECHO.name(), false));
        assertThat(before.statusCode()).as(before.body()).isNotEqualTo(200);

        Path built = ExamplePlugin.build(Files.createTempDirectory("echo-plugin"));
        Files.copy(built, plugins.resolve("echo.jar"));

        JsonNode listed = awaitPlugins(status -> status.path("adapters").toString().contains("\"echo\""));
        assertThat(listed.path("problems")).isEmpty();
        assertThat(byFile(listed, "echo.jar").path("version").asText()).isEqualTo("1.0.0");
        HttpResponse<String> after = awaitAnswer(ECHO);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("echo: Write a haiku about tolls.");
        assertThat(after.headers().firstValue("x-tollgate-provider")).hasValue("echo");
    }

    @Test
    void brokenJarsAreNamedAndSkippedWhileTheGatewayKeepsServing() throws Exception {
        start();
        Files.write(plugins.resolve("corrupt.jar"), "this is not a zip file".getBytes());
        jar(plugins.resolve("ghost.jar"), "ghost", null, Map.of("META-INF/extensions.idx", "ghost.GhostAdapter\n".getBytes()));
        jar(plugins.resolve("boom.jar"), "boom", "boom.BoomPlugin", compiled("boom.BoomPlugin", """
                package boom;
                public class BoomPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new IllegalStateException("boom at start");
                    }
                }
                """));

        HttpResponse<String> reload = gateway.post("/admin/api/plugins/reload", "");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(gateway.get("/admin/api/plugins").body());
        assertThat(byFile(status, "corrupt.jar").path("state").asText()).isEqualTo("BROKEN");
        assertThat(byFile(status, "corrupt.jar").path("problem").asText()).isNotBlank();
        assertThat(byFile(status, "ghost.jar").path("problem").asText()).contains("ghost.GhostAdapter");
        assertThat(byFile(status, "boom.jar").path("state").asText()).isEqualTo("FAILED");
        assertThat(byFile(status, "boom.jar").path("problem").asText()).contains("boom at start");
        assertThat(byFile(status, "openai-compatible.jar").path("state").asText()).isEqualTo("STARTED");
        assertThat(status.path("problems").toString()).contains("corrupt.jar").contains("ghost.jar").contains("boom.jar");

        HttpResponse<String> served = gateway.post("/v1/chat/completions", TestGateway.chat(OPENAI.name(), false));
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.body()).contains("Served by the built-in plugin");
    }

    private static JsonNode byFile(JsonNode status, String file) {
        for (JsonNode plugin : status.path("plugins")) {
            if (plugin.path("file").asText().equals(file)) {
                return plugin;
            }
        }
        throw new AssertionError(file + " is not listed: " + status);
    }

    private JsonNode awaitPlugins(java.util.function.Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode status;
        do {
            status = JSON.readTree(gateway.get("/admin/api/plugins").body());
            if (until.test(status)) {
                return status;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the plugins folder was not taken in: " + status);
    }

    /** The policy reload follows the plugin reload: ask until the new provider is routed to. */
    private HttpResponse<String> awaitAnswer(Model model) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response;
        do {
            response = gateway.post("/v1/chat/completions", TestGateway.chat(model.name(), false));
            if (response.statusCode() == 200) {
                return response;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return response;
    }

    /** A plugin jar: a PF4J manifest and the given entries. */
    private static void jar(Path file, String id, String pluginClass, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", "1.0.0");
        if (pluginClass != null) {
            main.putValue("Plugin-Class", pluginClass);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
    }

    /** One class compiled against the test class path (which has PF4J), as jar entries. */
    private static Map<String, byte[]> compiled(String className, String source) throws IOException {
        Path dir = Files.createTempDirectory("plugin-src");
        Path file = dir.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertThat(status).isZero();
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> classes = new ArrayList<>(files.filter(p -> p.toString().endsWith(".class")).toList());
            for (Path c : classes) {
                entries.put(dir.relativize(c).toString().replace('\\', '/'), Files.readAllBytes(c));
            }
        }
        return entries;
    }
}
