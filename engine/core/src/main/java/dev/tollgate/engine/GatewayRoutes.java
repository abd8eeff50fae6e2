package dev.tollgate.engine;

import dev.tollgate.engine.config.OverlayFile;
import dev.tollgate.engine.budget.SpendTracker;
import dev.tollgate.engine.coder.Coders;
import dev.tollgate.engine.coder.IdentifyCoder;
import dev.tollgate.engine.http.AdminAccess;
import dev.tollgate.engine.http.AdminSessions;
import dev.tollgate.engine.http.ChangeConfig;
import dev.tollgate.engine.http.Authenticate;
import dev.tollgate.engine.http.CountTokens;
import dev.tollgate.engine.http.ExplainDecision;
import dev.tollgate.engine.http.ForceReload;
import dev.tollgate.engine.http.ListModels;
import dev.tollgate.engine.http.LogIn;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.http.ReportConfig;
import dev.tollgate.engine.http.ReportDashboard;
import dev.tollgate.engine.http.ReportHealth;
import dev.tollgate.engine.http.ReportPolicy;
import dev.tollgate.engine.http.ServeDashboard;
import dev.tollgate.engine.http.ReportProviders;
import dev.tollgate.engine.http.ReportUsage;
import dev.tollgate.engine.http.WriteError;
import dev.tollgate.engine.http.WriteReply;
import dev.tollgate.engine.ingress.AnthropicMessagesApi;
import dev.tollgate.engine.ingress.ChatCompletionsApi;
import dev.tollgate.engine.ingress.GeminiApi;
import dev.tollgate.engine.ingress.ResponsesApi;
import dev.tollgate.engine.ledger.LedgerQueries;
import dev.tollgate.engine.ledger.LedgerWriter;
import dev.tollgate.engine.ledger.RecordToLedger;
import dev.tollgate.engine.metrics.GatewayMetrics;
import dev.tollgate.engine.metrics.RecordMetrics;
import dev.tollgate.engine.metrics.ServeMetrics;
import dev.tollgate.engine.policy.DecisionLog;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.quota.CheckCallerQuota;
import dev.tollgate.engine.quota.ProviderHealth;
import dev.tollgate.engine.quota.Quotas;
import dev.tollgate.engine.quota.Waiter;
import dev.tollgate.engine.quota.WaitingRoom;
import dev.tollgate.engine.routing.CallCandidate;
import dev.tollgate.engine.routing.DecideCandidates;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.NoteFallback;
import dev.tollgate.engine.routing.RequireAnswer;
import dev.tollgate.spi.ProviderException;
import dev.tollgate.engine.http.ReportWorkflowRun;
import dev.tollgate.engine.http.StartWorkflowRun;
import dev.tollgate.engine.workflow.RunUsage;
import dev.tollgate.engine.workflow.Workflows;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import java.util.function.Supplier;

/** The request path of DESIGN.md, step for step, as Camel routes. */
final class GatewayRoutes extends RouteBuilder {
    private static final String SERVE = "direct:serve";
    private static final String TRACK_COST = "direct:track-cost";

    private final PolicyHolder policy;
    private final LedgerWriter ledger;
    private final LatencyStats latency;
    private final DecisionLog decisions;
    private final PolicyReloader reloader;
    private final GatewayMetrics metrics;
    private final Coders coders;
    private final RunUsage runUsage;
    private final Supplier<Workflows> workflows;
    private final LedgerQueries queries;
    private final OverlayFile overlay;
    private final AdminSessions sessions = new AdminSessions();
    private final Quotas quotas;
    private final ProviderHealth health;
    private final Waiter waiter;
    private final WaitingRoom waitingRoom;

    private final SpendTracker spend;

    GatewayRoutes(PolicyHolder policy, LedgerWriter ledger, LatencyStats latency, DecisionLog decisions, PolicyReloader reloader,
                  Coders coders, GatewayMetrics metrics, RunUsage runUsage, Supplier<Workflows> workflows,
                  SpendTracker spend, LedgerQueries queries, OverlayFile overlay, Quotas quotas, ProviderHealth health,
                  Waiter waiter) {
        this.spend = spend;
        this.quotas = quotas;
        this.health = health;
        this.waiter = waiter;
        this.waitingRoom = new WaitingRoom(waiter);
        this.metrics = metrics;
        this.coders = coders;
        this.queries = queries;
        this.overlay = overlay;
        this.policy = policy;
        this.ledger = ledger;
        this.latency = latency;
        this.decisions = decisions;
        this.reloader = reloader;
        this.runUsage = runUsage;
        this.workflows = workflows;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(new WriteError()).id("write-error")
                .wireTap(TRACK_COST).id("wire-tap-cost-of-failure");

        // Four ingresses, one request path: each parses its wire API into the canonical request.
        from("platform-http:/v1/chat/completions?httpMethodRestrict=POST").routeId("chat-completions")
                // The request keeps this snapshot to the end, whatever reloads happen meanwhile.
                .process(takePolicy()).id("take-policy")
                .process(new ParseChatRequest(ChatCompletionsApi.INSTANCE)).id("parse-and-validate")
                .to(SERVE).id("serve-chat-completions");

        from("platform-http:/v1/messages?httpMethodRestrict=POST").routeId("anthropic-messages")
                .process(takePolicy()).id("messages-take-policy")
                .process(new ParseChatRequest(AnthropicMessagesApi.INSTANCE)).id("parse-messages")
                .to(SERVE).id("serve-messages");

        from("platform-http:/v1/responses?httpMethodRestrict=POST").routeId("responses")
                .process(takePolicy()).id("responses-take-policy")
                .process(new ParseChatRequest(ResponsesApi.INSTANCE)).id("parse-responses")
                .to(SERVE).id("serve-responses");

        from("platform-http:/v1/messages/count_tokens?httpMethodRestrict=POST").routeId("anthropic-count-tokens")
                .process(takePolicy()).id("count-tokens-take-policy")
                .process(new ParseChatRequest(AnthropicMessagesApi.INSTANCE)).id("parse-count-tokens")
                .process(new Authenticate()).id("count-tokens-authenticate")
                .process(new CountTokens()).id("count-tokens");

        // Gemini's URL names the model and the method: {model}:generateContent, :streamGenerateContent or :countTokens.
        for (String version : GeminiApi.VERSIONS) {
            from("platform-http:/" + version + "/models?matchOnUriPrefix=true&httpMethodRestrict=POST").routeId("gemini-" + version)
                    .process(takePolicy()).id("gemini-" + version + "-take-policy")
                    .process(new ParseChatRequest(GeminiApi::of)).id("parse-gemini-" + version)
                    .choice()
                        .when(GeminiApi::countsTokens)
                            .process(new Authenticate()).id("gemini-" + version + "-count-tokens-authenticate")
                            .process(new CountTokens()).id("gemini-" + version + "-count-tokens")
                        .otherwise()
                            .to(SERVE).id("serve-gemini-" + version)
                    .end();
        }

        from(SERVE).routeId("serve")
                // A workflow worker's run token stands in for a gateway key: recognise it first.
                .process(runUsage.recognise()).id("recognise-workflow-worker")
                .process(new Authenticate()).id("authenticate")
                .process(new CheckCallerQuota(quotas)).id("check-caller-quota")
                .process(new IdentifyCoder(coders)).id("identify-coder")
                .process(new DecideCandidates(decisions, spend)).id("decide")
                .loopDoWhile(exchange -> exchange.getProperty(FallbackAttempts.PROPERTY, FallbackAttempts.class).remain())
                    .id("attempt-candidates")
                    .doTry()
                        .process(new CallCandidate(latency, spend, quotas, health, waiter, waitingRoom)).id("call-candidate")
                    .doCatch(ProviderException.class).onWhen(NoteFallback::allowed)
                        .process(new NoteFallback()).id("fall-back")
                    .end()
                .end()
                .process(new RequireAnswer()).id("require-answer")
                .process(new WriteReply()).id("reply")
                .wireTap(TRACK_COST).id("wire-tap-cost");

        from(TRACK_COST).routeId("track-cost")
                .process(new RecordMetrics(metrics)).id("record-metrics")
                .process(new RecordToLedger(ledger)).id("record-to-ledger")
                .process(runUsage.account()).id("account-workflow-worker");

        from("platform-http:/metrics?httpMethodRestrict=GET").routeId("metrics")
                .process(new ServeMetrics(metrics)).id("serve-metrics");

        from("platform-http:/v1/models?httpMethodRestrict=GET").routeId("models")
                .process(new ListModels(policy)).id("list-models");

        from("platform-http:/health?httpMethodRestrict=GET").routeId("health")
                .process(new ReportHealth(policy, quotas::status)).id("report-health");

        // Admin routes take the policy too: its secrets hold the admin key, and WriteError answers their refusals.
        from("platform-http:/admin/api/policy?httpMethodRestrict=GET").routeId("admin-policy")
                .process(takePolicy()).id("admin-policy-take-policy")
                .process(new AdminAccess(sessions)).id("admin-policy-access")
                .process(new ReportPolicy(reloader)).id("report-policy");

        from("platform-http:/admin/api/providers?httpMethodRestrict=GET").routeId("admin-providers")
                .process(takePolicy()).id("admin-providers-take-policy")
                .process(new AdminAccess(sessions)).id("admin-providers-access")
                .process(new ReportProviders(policy, quotas, health)).id("report-providers");

        from("platform-http:/admin/api/reload?httpMethodRestrict=POST").routeId("admin-reload")
                .process(takePolicy()).id("admin-reload-take-policy")
                .process(new AdminAccess(sessions)).id("admin-reload-access")
                .process(new ForceReload(reloader)).id("force-reload");

        from("platform-http:/admin/api/usage?httpMethodRestrict=GET").routeId("admin-usage")
                .process(takePolicy()).id("admin-usage-take-policy")
                .process(new AdminAccess(sessions)).id("admin-usage-access")
                .process(new ReportUsage(ledger.ledger().database())).id("report-usage");

        from("platform-http:/admin/api/decisions/{id}?httpMethodRestrict=GET").routeId("admin-decision")
                .process(takePolicy()).id("admin-decision-take-policy")
                .process(new AdminAccess(sessions)).id("admin-decision-access")
                .process(new ExplainDecision(decisions)).id("explain-decision");

        from("platform-http:/admin/api/dashboard?httpMethodRestrict=GET").routeId("admin-dashboard")
                .process(takePolicy()).id("admin-dashboard-take-policy")
                .process(new AdminAccess(sessions)).id("admin-dashboard-access")
                .process(new ReportDashboard(policy, queries, quotas, health)).id("report-dashboard");

        from("platform-http:/admin/api/config?httpMethodRestrict=GET,POST").routeId("admin-config")
                .process(takePolicy()).id("admin-config-take-policy")
                .process(new AdminAccess(sessions)).id("admin-config-access")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("POST"))
                        .process(new ChangeConfig(overlay, reloader)).id("change-config")
                    .otherwise()
                        .process(new ReportConfig(policy, overlay)).id("report-config")
                .end();

        // The dashboard: a page and its assets from the jar, behind the admin key or a login.
        from("platform-http:/dashboard?httpMethodRestrict=GET").routeId("dashboard")
                .process(takePolicy()).id("dashboard-take-policy")
                .process(new ServeDashboard(sessions)).id("serve-dashboard");

        from("platform-http:/dashboard/{file}?httpMethodRestrict=GET").routeId("dashboard-assets")
                .process(takePolicy()).id("dashboard-assets-take-policy")
                .process(new ServeDashboard(sessions)).id("serve-dashboard-asset");

        from("platform-http:/login?httpMethodRestrict=GET,POST").routeId("login")
                .process(takePolicy()).id("login-take-policy")
                .process(new LogIn(sessions)).id("log-in");

        from("platform-http:/admin/api/workflows/{name}/runs?httpMethodRestrict=POST").routeId("admin-workflow-start")
                .process(takePolicy()).id("admin-workflow-start-take-policy")
                .process(new AdminAccess(sessions)).id("admin-workflow-start-access")
                .process(new StartWorkflowRun(workflows)).id("start-workflow-run");

        from("platform-http:/admin/api/workflows/runs/{id}?httpMethodRestrict=GET").routeId("admin-workflow-run")
                .process(takePolicy()).id("admin-workflow-run-take-policy")
                .process(new AdminAccess(sessions)).id("admin-workflow-run-access")
                .process(new ReportWorkflowRun(workflows)).id("report-workflow-run");
    }

    /** The admin log-in sessions, for admin routes built elsewhere (plugins). */
    AdminSessions adminSessions() {
        return sessions;
    }

    private Processor takePolicy() {
        return exchange -> exchange.setProperty(PolicySnapshot.PROPERTY, policy.current());
    }
}
