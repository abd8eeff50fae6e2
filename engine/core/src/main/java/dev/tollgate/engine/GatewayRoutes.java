package dev.tollgate.engine;

import dev.tollgate.engine.config.SecretSource;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.ListModels;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.ReportHealth;
import dev.tollgate.engine.http.WriteError;
import dev.tollgate.engine.http.WriteReply;
import dev.tollgate.engine.ledger.Ledger;
import dev.tollgate.engine.ledger.RecordToLedger;
import dev.tollgate.engine.policy.PolicyDecider;
import dev.tollgate.engine.routing.CallCandidate;
import dev.tollgate.engine.routing.DecideCandidates;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.NoteFallback;
import dev.tollgate.engine.routing.ProviderRegistry;
import dev.tollgate.engine.routing.RequireAnswer;
import dev.tollgate.spi.ProviderException;
import org.apache.camel.builder.RouteBuilder;

/** The request path of DESIGN.md, step for step, as Camel routes. */
final class GatewayRoutes extends RouteBuilder {
    private static final String TRACK_COST = "direct:track-cost";

    private final TollgateConfig config;
    private final PolicyDecider decider;
    private final ProviderRegistry providers;
    private final Ledger ledger;
    private final SecretSource secrets;

    GatewayRoutes(TollgateConfig config, PolicyDecider decider, ProviderRegistry providers, Ledger ledger,
                  SecretSource secrets) {
        this.config = config;
        this.decider = decider;
        this.providers = providers;
        this.ledger = ledger;
        this.secrets = secrets;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(new WriteError(secrets)).id("write-error")
                .wireTap(TRACK_COST).id("wire-tap-cost-of-failure");

        from("platform-http:/v1/chat/completions?httpMethodRestrict=POST").routeId("chat-completions")
                .process(new ParseChatRequest(config.gateway().maxBodyBytes(), config.gateway().autoAliases().get(0)))
                    .id("parse-and-validate")
                .process(new DecideCandidates(config, decider)).id("decide")
                .loopDoWhile(exchange -> exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class).remain())
                    .id("attempt-candidates")
                    .doTry()
                        .process(new CallCandidate(config, providers)).id("call-candidate")
                    .doCatch(ProviderException.class).onWhen(NoteFallback::allowed)
                        .process(new NoteFallback(secrets)).id("fall-back")
                    .end()
                .end()
                .process(new RequireAnswer()).id("require-answer")
                .process(new WriteReply()).id("reply")
                .wireTap(TRACK_COST).id("wire-tap-cost");

        from(TRACK_COST).routeId("track-cost")
                .process(new RecordToLedger(ledger, secrets)).id("record-to-ledger");

        from("platform-http:/v1/models?httpMethodRestrict=GET").routeId("models")
                .process(new ListModels(config, providers)).id("list-models");

        from("platform-http:/health?httpMethodRestrict=GET").routeId("health")
                .process(new ReportHealth(providers)).id("report-health");
    }
}
