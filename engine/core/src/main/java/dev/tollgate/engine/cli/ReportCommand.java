package dev.tollgate.engine.cli;

import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.ConfigLoader;
import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.engine.ledger.Ledger;
import dev.tollgate.engine.ledger.LedgerDatabase;
import dev.tollgate.engine.ledger.UsageReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tollgate report}: spend, free-tier share, savings, justifications and recommendations, from the ledger. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Spend, free-tier share, savings, paid requests with their justifications, failures and "
                + "recommendations over a period, from the ledger (GET /admin/api/usage serves the same as JSON).")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    PolicyLocation location;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", defaultValue = "month", description = "day, week or month (default: ${DEFAULT-VALUE}), in budgets.zone.")
    String period;

    @Option(names = "--by", defaultValue = "model", description = "provider, model, coder, key or task (default: ${DEFAULT-VALUE}).")
    String by;

    @Option(names = "--json", description = "Print the JSON of GET /admin/api/usage.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TollgateConfig config;
        try {
            config = ConfigLoader.load(location.config());
        } catch (ConfigException e) {
            return LoadedPolicy.report(e, "not reporting", spec.commandLine().getErr());
        }
        LedgerDatabase database = LedgerDatabase.of(config, location.home(), SecretSource.load(location.envFile()));
        Map<String, Object> report;
        try {
            // Opening migrates, so that a ledger written by an older gateway reads the same.
            Ledger.open(database).close();
            try (Connection db = database.connect()) {
                report = UsageReport.build(db, period, by, Instant.now(), config.budgets().zoneId());
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("tollgate report: " + e.getMessage());
            return 2;
        }
        out.println(json ? WireJson.write(report) : text(report));
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> report) {
        StringBuilder text = new StringBuilder();
        Map<String, Object> period = (Map<String, Object>) report.get("period");
        Map<String, Object> totals = (Map<String, Object>) report.get("totals");
        text.append("Usage this ").append(period.get("kind")).append(" (from ").append(period.get("from")).append(", ")
                .append(period.get("zone")).append(")\n");
        text.append(String.format("  %d requests, %d free (free-tier share %.1f%%), %d paid, %d failed%n", totals.get("requests"),
                totals.get("free_requests"), 100 * (double) totals.get("free_share"), totals.get("paid_requests"), totals.get("failed")));
        text.append("  spent ").append(plain(totals.get("spend_usd"))).append(" USD; would have spent ")
                .append(plain(totals.get("would_have_spent_usd"))).append(" USD; saved ").append(plain(totals.get("saved_usd")))
                .append(" USD\n\nBy ").append(report.get("by")).append(":\n");
        for (Map<String, Object> group : (List<Map<String, Object>>) report.get("groups")) {
            text.append(String.format("  %-36s %6d requests  %12s USD spent  %12s USD saved  free %5.1f%%%n", group.get("key"),
                    group.get("requests"), plain(group.get("spend_usd")), plain(group.get("saved_usd")),
                    100 * (double) group.get("free_share")));
        }
        List<Map<String, Object>> paid = (List<Map<String, Object>>) report.get("paid_requests");
        text.append("\nPaid requests (latest ").append(paid.size()).append("):\n");
        for (Map<String, Object> request : paid) {
            text.append("  ").append(request.get("at")).append("  ").append(request.get("model")).append("  ")
                    .append(plain(request.get("cost_usd"))).append(" USD  ")
                    .append(request.get("trigger") == null ? "" : "[" + request.get("trigger") + "] ")
                    .append(request.get("justification") == null ? "" : request.get("justification")).append('\n');
        }
        Map<String, Object> failures = (Map<String, Object>) report.get("failures");
        text.append("\nFailures: ").append(failures.get("by_outcome")).append("; requests that fell back: ")
                .append(failures.get("fell_back")).append('\n');
        Map<String, Object> recommendations = (Map<String, Object>) report.get("recommendations");
        text.append("\nRecommendations: ").append(recommendations.get("summary")).append('\n');
        for (Map<String, Object> suggestion : (List<Map<String, Object>>) recommendations.get("suggestions")) {
            text.append("  - ").append(suggestion.get("evidence")).append(": ").append(suggestion.get("suggestion")).append('\n');
        }
        return text.toString();
    }

    private static String plain(Object amount) {
        return amount instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : String.valueOf(amount);
    }
}
