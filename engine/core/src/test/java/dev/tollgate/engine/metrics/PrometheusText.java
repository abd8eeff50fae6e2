package dev.tollgate.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Parses a Prometheus text exposition with the Prometheus project's own Python client parser
 * ({@code prometheus_client.parser}, Debian's python3-prometheus-client, which .ci/run installs).
 * Outside CI, a machine without it skips the test rather than fail it.
 */
final class PrometheusText {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PARSER = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels,
                                "value": None if s.value != s.value else s.value})
            json.dump(out, sys.stdout)
            """;

    /** One sample: its family and type as the parser read them, its own name, labels and value ({@code NaN} as null). */
    record Sample(String family, String type, String name, Map<String, String> labels, Double value) {
    }

    private PrometheusText() {
    }

    static List<Sample> parse(String exposition) throws IOException, InterruptedException {
        boolean available = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import prometheus_client")
                .start().waitFor() == 0;
        if (System.getenv("CI") == null) {
            assumeTrue(available, "python3-prometheus-client is not installed (apt-get install python3-prometheus-client)");
        }
        Process python = new ProcessBuilder(PYTHON.toString(), "-c", PARSER).redirectErrorStream(false).start();
        python.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        byte[] out = python.getInputStream().readAllBytes();
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError("the Prometheus parser refused /metrics: " + err);
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(out)) {
            Map<String, String> labels = new ObjectMapper().convertValue(node.get("labels"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            samples.add(new Sample(node.get("family").asText(), node.get("type").asText(), node.get("name").asText(), labels,
                    node.get("value").isNull() ? null : node.get("value").asDouble()));
        }
        return samples;
    }
}
