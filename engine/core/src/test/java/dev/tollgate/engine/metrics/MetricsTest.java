package dev.tollgate.engine.metrics;

import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code GET /metrics}: parsed by Prometheus' own parser, counting what happened, and named as the Grafana dashboard expects. */
class MetricsTest {
    private static final Model FLAKY = Model.free("flaky/llama", 0.9);
    private static final Model STEADY = Model.free("steady/qwen", 0.8);
    private static final Model PAID = Model.paid("paid/gpt", 0.95, "2.00", "8.00");
    private static final Path GRAFANA = TestGateway.repo().resolve("docs/grafana/tollgate.json");

    private final TestGateway gateway = new TestGateway().model(FLAKY).model(STEADY).model(PAID).ownRules();

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void metricsCountRequestsFallbacksTokensCostAndReloadsUnderTheGrafanaDashboardsNames() throws Exception {
        gateway.start();
        gateway.upstreams().unavailable(FLAKY);
        gateway.upstreams().answers(STEADY, "Hi", 12, 3);
        gateway.upstreams().answers(PAID, "Hello", 1_000_000, 500_000);
        assertOk(gateway.post("/v1/chat/completions", TestGateway.chat("auto", false)));
        assertOk(gateway.post("/v1/chat/completions", TestGateway.chat(PAID.name(), false), Map.of("x-tollgate-allow-paid", "true")));
        gateway.upstreams().streams(STEADY, List.of("a", "b"), 7, 2, 50);
        assertOk(gateway.post("/v1/chat/completions", TestGateway.chat(STEADY.name(), true)));
        assertThat(gateway.post("/admin/api/reload", "").statusCode()).isEqualTo(200);
        Files.writeString(gateway.rulesDir().resolve("broken.drl"), "rule \"half\" when then");
        gateway.post("/admin/api/reload", "");
        gateway.ledger(3);

        HttpResponse<String> response = gateway.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        List<PrometheusText.Sample> samples = PrometheusText.parse(response.body());

        assertThat(value(samples, "tollgate_requests_total", Map.of("provider", "steady", "outcome", "ok"))).isEqualTo(2);
        assertThat(value(samples, "tollgate_requests_total", Map.of("provider", "paid", "outcome", "ok"))).isEqualTo(1);
        assertThat(value(samples, "tollgate_fallbacks_total", Map.of("provider", "flaky", "reason", "unavailable"))).isEqualTo(1);
        assertThat(value(samples, "tollgate_tokens_total", Map.of("provider", "steady", "direction", "prompt"))).isEqualTo(19);
        // 1M prompt tokens at $2/M plus 0.5M completion tokens at $8/M.
        assertThat(value(samples, "tollgate_cost_usd_total", Map.of("provider", "paid"))).isEqualTo(6.0);
        assertThat(value(samples, "tollgate_budget_spent_usd", Map.of("period", "month"))).isEqualTo(6.0);
        assertThat(value(samples, "tollgate_time_to_first_token_seconds_count", Map.of("provider", "steady"))).isEqualTo(1);
        assertThat(value(samples, "tollgate_request_duration_seconds_count", Map.of("model", "paid/gpt"))).isEqualTo(1);
        assertThat(value(samples, "tollgate_policy_reloads_total", Map.of("result", "success"))).isEqualTo(1);
        assertThat(value(samples, "tollgate_policy_reloads_total", Map.of("result", "failure"))).isEqualTo(1);
        assertThat(value(samples, "tollgate_quota_rejections_total", Map.of("provider", "flaky"))).isZero();
        assertThat(value(samples, "tollgate_cooldowns_total", Map.of("provider", "steady"))).isZero();
        assertThat(value(samples, "tollgate_escalations_total", Map.of("model", "paid/gpt"))).isZero();
        assertThat(samples).filteredOn(s -> s.name().equals("tollgate_request_duration_seconds_bucket"))
                .extracting(s -> s.labels().get("le")).contains("0.5", "+Inf");
        assertThat(samples).anySatisfy(s -> assertThat(s.name()).startsWith("camel_exchanges"));

        Set<String> exposed = samples.stream().map(PrometheusText.Sample::name).collect(Collectors.toSet());
        Set<String> dashboard = grafanaMetricNames();
        assertThat(dashboard).as("metric names in " + GRAFANA).hasSizeGreaterThan(10);
        assertThat(exposed).containsAll(dashboard);
    }

    @Test
    void budgetRatioIsTheActiveProfilesMonthlySpendOverItsMonthlyBudget() throws Exception {
        gateway.profile("UNLIMITED")
                .configFile("budgets.yaml", "budgets:\n  profiles:\n    UNLIMITED: { monthly: 60, action: warn-only }\n")
                .start();
        gateway.upstreams().answers(PAID, "Hello", 1_000_000, 500_000);
        assertOk(gateway.post("/v1/chat/completions", TestGateway.chat(PAID.name(), false)));
        gateway.ledger(1);

        List<PrometheusText.Sample> samples = PrometheusText.parse(gateway.get("/metrics").body());

        // $6 spent (1M prompt tokens at $2/M plus 0.5M completion tokens at $8/M) of a $60 month.
        assertThat(value(samples, "tollgate_budget_spent_usd", Map.of("period", "month"))).isEqualTo(6.0);
        assertThat(value(samples, "tollgate_budget_used_ratio", Map.of("period", "month"))).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void metricsNeverShowAProviderKey() throws Exception {
        gateway.start();
        gateway.upstreams().answers(STEADY, "Hi", 12, 3);
        gateway.post("/v1/chat/completions", TestGateway.chat(STEADY.name(), false));
        gateway.ledger(1);

        String body = gateway.get("/metrics").body();

        for (Model model : List.of(FLAKY, STEADY, PAID)) {
            assertThat(body).doesNotContain(TestGateway.keyOf(model.provider()));
        }
    }

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static double value(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(s -> s.value() == null ? Double.NaN : s.value()).sum();
    }

    /** Every metric name the dashboard's queries use. */
    private static Set<String> grafanaMetricNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String expr : new com.fasterxml.jackson.databind.ObjectMapper().readTree(GRAFANA.toFile()).findValuesAsText("expr")) {
            Matcher m = Pattern.compile("\\b(tollgate_[a-z_]+|camel_[a-z_]+)\\b").matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
