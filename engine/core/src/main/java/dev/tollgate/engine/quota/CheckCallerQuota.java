package dev.tollgate.engine.quota;

import dev.tollgate.engine.config.QuotaConfig;
import dev.tollgate.engine.config.QuotaLimits;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.policy.GatewayKeys;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.policy.TokenEstimate;
import dev.tollgate.spi.ChatRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's own limits on its callers, after authentication: the caller's key (its own entry
 * under {@code quotas.callers.keys}, else {@code each-key}), its team, and everyone together. The
 * first without room answers 429 with {@code Retry-After}, in the OpenAI error shape.
 */
public final class CheckCallerQuota implements Processor {
    private static final String ANONYMOUS = "(no key)";
    private final Quotas quotas;

    public CheckCallerQuota(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public void process(Exchange exchange) throws ApiError {
        PolicySnapshot policy = exchange.getProperty(PolicySnapshot.PROPERTY, PolicySnapshot.class);
        QuotaConfig.CallerQuotas callers = policy.config().quotas().callers();
        GatewayKeys.Caller caller = exchange.getProperty(Authenticate.PROPERTY, Authenticate.Terms.class).caller();
        Map<String, QuotaLimits> scopes = scopes(callers, caller);
        if (scopes.isEmpty()) {
            return;
        }
        ChatRequest request = exchange.getProperty(ParseChatRequest.PROPERTY, ChatRequest.class);
        QuotaCheck check = quotas.reserveScopes(scopes, request == null ? 0 : TokenEstimate.of(request));
        if (!check.granted()) {
            throw new ApiError(429, "rate_limit_error", "gateway_quota_exceeded", null,
                    "the gateway's quota for " + check.reason() + "; try again later",
                    check.retryAfter() == null ? Duration.ofHours(1) : check.retryAfter());
        }
    }

    static Map<String, QuotaLimits> scopes(QuotaConfig.CallerQuotas callers, GatewayKeys.Caller caller) {
        Map<String, QuotaLimits> scopes = new LinkedHashMap<>();
        String key = caller.name() == null ? ANONYMOUS : caller.name();
        QuotaLimits ofKey = caller.name() != null ? callers.keys().getOrDefault(caller.name(), callers.eachKey()) : callers.eachKey();
        if (!ofKey.isEmpty()) {
            scopes.put("key:" + key, ofKey);
        }
        if (caller.team() != null && callers.teams().containsKey(caller.team())) {
            scopes.put("team:" + caller.team(), callers.teams().get(caller.team()));
        }
        if (!callers.global().isEmpty()) {
            scopes.put("global", callers.global());
        }
        return scopes;
    }
}
