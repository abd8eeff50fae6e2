package dev.tollgate.engine.budget;

import dev.tollgate.engine.config.AlertsConfig;
import dev.tollgate.engine.http.WireJson;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends a budget alert to every Camel endpoint {@code alerts.endpoints} names, off the request
 * path: a line of JSON with the scope, the period, the threshold, the spend, the budget, the top
 * models and a month-end projection.
 */
public final class SpendAlerts implements Consumer<ThresholdCrossed> {
    private static final Logger LOG = LoggerFactory.getLogger(SpendAlerts.class);

    private final Supplier<AlertsConfig> config;
    private volatile ProducerTemplate producer;

    public SpendAlerts(Supplier<AlertsConfig> config) {
        this.config = config;
    }

    /** From now on alerts go to the endpoints; before it (while Camel starts) they are logged. */
    public void attach(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void accept(ThresholdCrossed crossed) {
        String body = message(crossed);
        ProducerTemplate sender = producer;
        if (sender == null) {
            LOG.warn("budget alert: {}", body.strip());
            return;
        }
        for (String uri : config.get().endpoints()) {
            sender.asyncSend(uri, exchange -> exchange.getMessage().setBody(body)).whenComplete((exchange, thrown) -> {
                Throwable failure = thrown != null ? thrown : exchange.getException();
                if (failure != null) {
                    LOG.error("budget alert could not be sent to {}: {} (the alert: {})", endpointName(uri), failure.getMessage(),
                            body.strip());
                }
            });
        }
    }

    /** One line of JSON, ending in a newline so that a {@code file:} endpoint appending alerts keeps one per line. */
    static String message(ThresholdCrossed crossed) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("alert", "budget");
        alert.put("scope", crossed.scope().toString());
        alert.put("period", crossed.period().kind() + " " + crossed.period().label());
        alert.put("threshold_percent", crossed.percent());
        alert.put("spend_usd", usd(crossed.spent()));
        alert.put("budget_usd", usd(crossed.limit()));
        alert.put("action", crossed.action().toString());
        alert.put("top_models", crossed.topModels().stream()
                .map(m -> Map.of("model", m.model(), "spend_usd", usd(m.spentUsd()))).toList());
        alert.put("projected_month_end_usd", usd(crossed.monthEndProjection()));
        alert.put("message", crossed.scope() + " has spent " + usd(crossed.spent()).toPlainString() + " USD, "
                + crossed.percent() + "% of its " + crossed.period().kind() + " budget of " + usd(crossed.limit()).toPlainString()
                + " USD; at this pace the month ends at " + usd(crossed.monthEndProjection()).toPlainString() + " USD");
        return WireJson.write(alert) + "\n";
    }

    private static BigDecimal usd(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    /** The endpoint without its options, which may hold a webhook's token. */
    private static String endpointName(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
