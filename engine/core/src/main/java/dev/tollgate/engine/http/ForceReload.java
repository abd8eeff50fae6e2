package dev.tollgate.engine.http;

import dev.tollgate.engine.PolicyReloader;
import dev.tollgate.engine.config.ConfigProblem;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/api/reload}: reloads the policy now. 200 with the new status when it loaded;
 * 422 naming every problem when it was rejected, while the old policy keeps serving.
 */
public final class ForceReload implements Processor {
    private final PolicyReloader reloader;

    public ForceReload(PolicyReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public void process(Exchange exchange) {
        PolicyReloader.ReloadResult result = reloader.reload();
        if (result.ok()) {
            JsonReply.write(exchange.getMessage(), 200, WireJson.write(ReportPolicy.status(result)));
            return;
        }
        List<String> problems = result.problems().stream().map(ConfigProblem::toString).toList();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "the policy was not reloaded, v" + result.inForce().version() + " keeps serving: "
                + String.join("; ", problems));
        error.put("type", "invalid_policy");
        error.put("param", null);
        error.put("code", "invalid_policy");
        error.put("problems", problems);
        JsonReply.write(exchange.getMessage(), 422, WireJson.write(Map.of("error", error)));
    }
}
