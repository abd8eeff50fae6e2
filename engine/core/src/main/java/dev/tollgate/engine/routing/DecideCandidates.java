package dev.tollgate.engine.routing;

import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.PolicyDecider;
import dev.tollgate.engine.policy.RequestFacts;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Map;

/**
 * Decide: the client's {@code model} is resolved (an alias lets the policy choose, a catalog name
 * pins that model), the rules rank the candidates, and the request's fallback state is set up.
 */
public final class DecideCandidates implements Processor {
    private static final int NAMES_IN_ERROR = 12;

    private final TollgateConfig config;
    private final PolicyDecider decider;

    public DecideCandidates(TollgateConfig config, PolicyDecider decider) {
        this.config = config;
        this.decider = decider;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ChatRequest request = exchange.getProperty(ParseChatRequest.PROPERTY, ChatRequest.class);
        String pinned = pinnedModel(request.model());
        Decision decision = decider.decide(new RequestFacts(config.profile(), pinned, TokenEstimate.of(request),
                request.streaming()));
        FallbackAttempts attempts = new FallbackAttempts(request, pinned, decision);
        exchange.setProperty(FallbackAttempts.PROPERTY, attempts);
        if (decision.ranked().isEmpty()) {
            throw new NoCandidateServed(attempts);
        }
    }

    /** {@code null} for an alias; the catalog name for a catalog name or a unique upstream id. */
    private String pinnedModel(String requested) throws ApiError {
        if (config.gateway().autoAliases().contains(requested)) {
            return null;
        }
        if (config.models().containsKey(requested)) {
            return requested;
        }
        List<String> byUpstreamId = config.models().entrySet().stream()
                .filter(e -> e.getValue().upstream().equals(requested)).map(Map.Entry::getKey).toList();
        if (byUpstreamId.size() == 1) {
            return byUpstreamId.get(0);
        }
        String known = String.join(", ", config.gateway().autoAliases()) + ", "
                + String.join(", ", config.models().keySet().stream().limit(NAMES_IN_ERROR).toList())
                + (config.models().size() > NAMES_IN_ERROR ? ", … (GET /v1/models lists all)" : "");
        String hint = byUpstreamId.isEmpty() ? "" : " (several providers serve it: " + String.join(", ", byUpstreamId) + ")";
        throw new ApiError(404, "invalid_request_error", "model_not_found", "model",
                "the model '" + requested + "' is not in the catalog" + hint + "; use one of: " + known, null);
    }
}
