package dev.tollgate.engine;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds examples/echo-plugin the way its pom.xml does (javac with PF4J's extension processor, a jar
 * with the Plugin-* manifest entries), but outside Maven and against nothing but the reactor-built
 * tollgate-spi, PF4J and jackson-annotations: a test must not install into the ~/.m2 that several
 * builds share, and this proves those three are all a plugin needs.
 */
final class ExamplePlugin {
    private static final Path SOURCES = TestGateway.repo().resolve("examples/echo-plugin/src/main/java");

    private ExamplePlugin() {
    }

    static Path build(Path workDir) throws IOException {
        List<String> classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(ExamplePlugin::isPluginApi).toList();
        assertThat(classPath).as("the SPI, PF4J and jackson-annotations on the test class path").hasSize(3);
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-classpath", String.join(File.pathSeparator, classPath),
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString()));
        args.addAll(sources);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit status").isZero();

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "echo");
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "Tollgate examples");
        Path jar = workDir.resolve("tollgate-echo-plugin-1.0.0.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static boolean isPluginApi(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return entry.replace(File.separatorChar, '/').endsWith("engine/spi/target/classes") || name.startsWith("tollgate-spi")
                || name.matches("pf4j-\\d.*\\.jar") || name.matches("jackson-annotations-\\d.*\\.jar");
    }
}
