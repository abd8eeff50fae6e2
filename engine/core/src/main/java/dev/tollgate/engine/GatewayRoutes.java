package dev.tollgate.engine;

import dev.tollgate.engine.http.AdminAccess;
import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.engine.http.ExplainDecision;
import dev.tollgate.engine.http.ForceReload;
import dev.tollgate.engine.http.ListModels;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.ReportHealth;
import dev.tollgate.engine.http.ReportPolicy;
import dev.tollgate.engine.http.WriteError;
import dev.tollgate.engine.http.WriteReply;
import dev.tollgate.engine.ledger.LedgerWriter;
import dev.tollgate.engine.ledger.RecordToLedger;
import dev.tollgate.engine.metrics.GatewayMetrics;
import dev.tollgate.engine.metrics.RecordMetrics;
import dev.tollgate.engine.metrics.ServeMetrics;
import dev.tollgate.engine.policy.DecisionLog;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.routing.CallCandidate;
import dev.tollgate.engine.routing.DecideCandidates;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.NoteFallback;
import dev.tollgate.engine.routing.RequireAnswer;
import dev.tollgate.spi.ProviderException;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

/** The request path of DESIGN.md, step for step, as Camel routes. */
final class GatewayRoutes extends RouteBuilder {
    private static final String TRACK_COST = "direct:track-cost";

    private final PolicyHolder policy;
    private final LedgerWriter ledger;
    private final LatencyStats latency;
    private final DecisionLog decisions;
    private final PolicyReloader reloader;
    private final GatewayMetrics metrics;

    GatewayRoutes(PolicyHolder policy, LedgerWriter ledger, LatencyStats latency, DecisionLog decisions, PolicyReloader reloader,
                  GatewayMetrics metrics) {
        this.metrics = metrics;
        this.policy = policy;
        this.ledger = ledger;
        this.latency = latency;
        this.decisions = decisions;
        this.reloader = reloader;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(new WriteError()).id("write-error")
                .wireTap(TRACK_COST).id("wire-tap-cost-of-failure");

        from("platform-http:/v1/chat/completions?httpMethodRestrict=POST").routeId("chat-completions")
                // The request keeps this snapshot to the end, whatever reloads happen meanwhile.
                .process(exchange -> exchange.setProperty(PolicySnapshot.PROPERTY, policy.current())).id("take-policy")
                .process(new ParseChatRequest()).id("parse-and-validate")
                .process(new Authenticate()).id("authenticate")
                .process(new DecideCandidates(decisions)).id("decide")
                .loopDoWhile(exchange -> exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class).remain())
                    .id("attempt-candidates")
                    .doTry()
                        .process(new CallCandidate(latency)).id("call-candidate")
                    .doCatch(ProviderException.class).onWhen(NoteFallback::allowed)
                        .process(new NoteFallback()).id("fall-back")
                    .end()
                .end()
                .process(new RequireAnswer()).id("require-answer")
                .process(new WriteReply()).id("reply")
                .wireTap(TRACK_COST).id("wire-tap-cost");

        from(TRACK_COST).routeId("track-cost")
                .process(new RecordMetrics(metrics)).id("record-metrics")
                .process(new RecordToLedger(ledger)).id("record-to-ledger");

        from("platform-http:/metrics?httpMethodRestrict=GET").routeId("metrics")
                .process(new ServeMetrics(metrics)).id("serve-metrics");

        from("platform-http:/v1/models?httpMethodRestrict=GET").routeId("models")
                .process(new ListModels(policy)).id("list-models");

        from("platform-http:/health?httpMethodRestrict=GET").routeId("health")
                .process(new ReportHealth(policy)).id("report-health");

        // Admin routes take the policy too: its secrets hold the admin key, and WriteError answers their refusals.
        from("platform-http:/admin/api/policy?httpMethodRestrict=GET").routeId("admin-policy")
                .process(takePolicy()).id("admin-policy-take-policy")
                .process(new AdminAccess()).id("admin-policy-access")
                .process(new ReportPolicy(reloader)).id("report-policy");

        from("platform-http:/admin/api/reload?httpMethodRestrict=POST").routeId("admin-reload")
                .process(takePolicy()).id("admin-reload-take-policy")
                .process(new AdminAccess()).id("admin-reload-access")
                .process(new ForceReload(reloader)).id("force-reload");

        from("platform-http:/admin/api/decisions/{id}?httpMethodRestrict=GET").routeId("admin-decision")
                .process(takePolicy()).id("admin-decision-take-policy")
                .process(new AdminAccess()).id("admin-decision-access")
                .process(new ExplainDecision(decisions)).id("explain-decision");
    }

    private Processor takePolicy() {
        return exchange -> exchange.setProperty(PolicySnapshot.PROPERTY, policy.current());
    }
}
