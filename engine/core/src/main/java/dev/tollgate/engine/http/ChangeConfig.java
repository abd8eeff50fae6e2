package dev.tollgate.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.engine.PolicyReloader;
import dev.tollgate.engine.config.ConfigProblem;
import dev.tollgate.engine.config.OverlayFile;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/api/config} with {@code {"path": ["providers", "groq", "enabled"], "value": false}}: the
 * change is written to config/overlay.yaml and applied by the same reload as a file edit. A change the policy
 * refuses is taken back out of the file, the policy in force keeps serving, and the answer (422) lists the
 * problems as {@code file:line:column: message}.
 */
public final class ChangeConfig implements Processor {
    private final OverlayFile overlay;
    private final PolicyReloader reloader;

    public ChangeConfig(OverlayFile overlay, PolicyReloader reloader) {
        this.overlay = overlay;
        this.reloader = reloader;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode change;
        try {
            change = WireJson.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (Exception e) {
            throw ApiError.invalidRequest("invalid_json", null, "the body must be JSON: {\"path\": [...], \"value\": ...}");
        }
        JsonNode path = change == null ? null : change.get("path");
        if (path == null || !path.isArray() || path.size() < 2 || !change.has("value")) {
            throw ApiError.invalidRequest("invalid_change", "path",
                    "a change needs 'path' (at least a section and a key, e.g. [\"providers\", \"groq\", \"enabled\"]) and 'value'");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode key : path) {
            if (!key.isTextual() || key.asText().isBlank()) {
                throw ApiError.invalidRequest("invalid_change", "path", "every item of 'path' must be a non-empty string");
            }
            keys.add(key.asText());
        }
        Object value = WireJson.MAPPER.convertValue(change.get("value"), Object.class);
        PolicyReloader.ReloadResult result;
        synchronized (overlay) {
            String before = overlay.set(keys, value);
            result = reloader.reload();
            if (!result.ok()) {
                overlay.restore(before);
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("applied", result.ok());
        reply.put("version", result.inForce().version());
        reply.put("problems", result.problems().stream().map(ConfigProblem::toString).toList());
        reply.put("overlay", overlay.text());
        JsonReply.write(exchange.getMessage(), result.ok() ? 200 : 422, WireJson.write(reply));
    }
}
