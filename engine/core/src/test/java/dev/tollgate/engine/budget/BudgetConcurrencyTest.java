package dev.tollgate.engine.budget;

import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.TestGateway.Model;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets hold under concurrency: in-flight paid calls reserve their maximum cost before they are made. */
class BudgetConcurrencyTest {
    // 100 completion tokens at 10 USD per million, nothing for the prompt: every call costs exactly its maximum.
    private static final BigDecimal ONE_CALL = new BigDecimal("0.001");
    private static final BigDecimal BUDGET = new BigDecimal("0.01");

    @Test
    void aHundredSimultaneousPaidRequestsAgainstABudgetForTenSpendAtMostTheBudgetPlusOneCall() throws Exception {
        Model paid = Model.paid("paid/best", 0.9, "0", "10.00");
        try (TestGateway gateway = new TestGateway().model(paid).profile("UNLIMITED").configFile("budgets.yaml", """
                budgets:
                  zone: UTC
                  profiles:
                    UNLIMITED: { monthly: %s, action: block-paid }
                """.formatted(BUDGET))) {
            gateway.upstreams().answersAfter(paid, 150, 0, 100);
            gateway.start();
            String body = """
                    {"model": "auto", "max_tokens": 100, "messages": [{"role": "user", "content": "hi"}]}""";
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(gateway.http().sendAsync(HttpRequest.newBuilder(gateway.baseUri().resolve("/v1/chat/completions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
            long served = answers.stream().filter(a -> a.statusCode() == 200).count();
            assertThat(served).isEqualTo(10);
            assertThat(answers).filteredOn(a -> a.statusCode() != 200).allSatisfy(a -> {
                assertThat(a.statusCode()).isEqualTo(402);
                assertThat(a.body()).contains("over budget").contains("monthly budget of profile UNLIMITED");
            });
            assertThat(gateway.upstreams().calls(paid)).isEqualTo((int) served);
            List<Map<String, Object>> rows = gateway.ledger(100);
            assertThat(rows).hasSize(100);
            BigDecimal spent = rows.stream().map(r -> new BigDecimal(r.get("cost_usd").toString()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(spent).isLessThanOrEqualTo(BUDGET.add(ONE_CALL));
        }
    }
}
