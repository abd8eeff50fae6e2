package dev.tollgate.engine;

import dev.tollgate.engine.budget.BudgetPeriod;
import dev.tollgate.engine.budget.BudgetScope;
import dev.tollgate.engine.budget.SpendAlerts;
import dev.tollgate.engine.budget.SpendTracker;
import dev.tollgate.engine.coder.Coders;
import dev.tollgate.engine.config.BudgetLimit;
import dev.tollgate.engine.config.ConfigException;
import dev.tollgate.engine.config.OverlayFile;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.ApiError;
import dev.tollgate.engine.http.AdminAccess;
import dev.tollgate.engine.http.ParseChatRequest;
import dev.tollgate.engine.ingress.AnthropicMessagesApi;
import dev.tollgate.engine.ingress.ChatCompletionsApi;
import dev.tollgate.engine.ledger.Ledger;
import dev.tollgate.engine.ledger.LedgerDatabase;
import dev.tollgate.engine.ledger.LedgerWriter;
import dev.tollgate.engine.ledger.LedgerQueries;
import dev.tollgate.engine.metrics.GatewayMetrics;
import dev.tollgate.engine.metrics.TraceExport;
import dev.tollgate.engine.plugin.ProviderPlugins;
import dev.tollgate.engine.policy.DecisionLog;
import dev.tollgate.engine.policy.LatencyStats;
import dev.tollgate.engine.policy.PolicyHolder;
import dev.tollgate.engine.policy.PolicySnapshot;
import dev.tollgate.engine.policy.RoundRobinCounters;
import dev.tollgate.engine.quota.Counters;
import dev.tollgate.engine.quota.LocalCounters;
import dev.tollgate.engine.quota.ProviderHealth;
import dev.tollgate.engine.quota.Quotas;
import dev.tollgate.engine.quota.RedisCounters;
import dev.tollgate.engine.quota.Waiter;
import dev.tollgate.engine.routing.HealthChecks;
import dev.tollgate.engine.routing.ProviderRegistry;
import dev.tollgate.engine.workflow.RunUsage;
import dev.tollgate.engine.workflow.Workflows;
import io.vertx.core.VertxOptions;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running gateway: config and rules loaded and checked, plugins loaded, ledger open, and the
 * Camel routes serving HTTP. {@link #start} fails with a {@link ConfigException} naming file, line
 * and column when the policy is broken.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    // A streamed answer keeps its worker thread for as long as the upstream writes; don't warn about it.
    private static final long MAX_STREAM_MINUTES = 60;
    static final int DECISIONS_KEPT = 10_000;
    /** Where workflow runs keep their reports and task cards, under the home folder. */
    public static final String RUNS_FOLDER = "data/runs";
    private static final String LOOPBACK = "127.0.0.1";

    /**
     * Where everything is.
     *
     * @param home       the folder relative paths in config (the ledger) are resolved against
     * @param port       the port to listen on, or {@code null} for {@code gateway.port}
     * @param host       the interface to listen on
     */
    public record Options(Path home, Path configDir, Path rulesDir, Path pluginsDir, Path envFile, Integer port, String host) {
    }

    private final Main main;
    private final ProviderPlugins plugins;
    private final LedgerWriter ledger;
    private final LedgerQueries queries;
    private final TraceExport traces;
    private final PolicyHolder policy;
    private final PolicyLoader loader;
    private final PolicyFileWatcher watcher;
    private final Quotas quotas;
    private final ProviderHealth health;
    private final PolicyFileWatcher pluginWatcher;
    private final HealthChecks checks;
    private final Workflows workflows;
    private final int port;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Gateway(Main main, ProviderPlugins plugins, LedgerWriter ledger, LedgerQueries queries, TraceExport traces,
                    PolicyHolder policy, PolicyLoader loader, PolicyFileWatcher watcher, PolicyFileWatcher pluginWatcher,
                    HealthChecks checks, Workflows workflows, Quotas quotas, ProviderHealth health, int port) {
        this.quotas = quotas;
        this.health = health;
        this.pluginWatcher = pluginWatcher;
        this.checks = checks;
        this.main = main;
        this.plugins = plugins;
        this.ledger = ledger;
        this.queries = queries;
        this.traces = traces;
        this.policy = policy;
        this.loader = loader;
        this.watcher = watcher;
        this.workflows = workflows;
        this.port = port;
    }

    public static Gateway start(Options options) throws Exception {
        return start(options, Clock.systemUTC(), Waiter.SLEEP);
    }

    /**
     * @param clock  the time quotas and cooldowns are counted in
     * @param waiter how a request waits for a quota slot
     */
    public static Gateway start(Options options, Clock clock, Waiter waiter) throws Exception {
        ProviderPlugins plugins = ProviderPlugins.load(options.pluginsDir());
        LatencyStats latency = new LatencyStats();
        // The adapters are read at every policy load: plugins dropped in later become routable on the next one.
        // Health checks (routing) and cooldowns (quota) are two views of a provider's state; the checks' view feeds the policy.
        dev.tollgate.engine.routing.ProviderHealth checked = new dev.tollgate.engine.routing.ProviderHealth();
        PolicyLoader loader = new PolicyLoader(options.configDir(), options.rulesDir(), options.envFile(), plugins::adapters,
                checked, new RoundRobinCounters(), latency);
        PolicySnapshot policy;
        try {
            policy = loader.load();
        } catch (ConfigException e) {
            plugins.close();
            throw e;
        }
        TollgateConfig config = policy.config();
        ProviderRegistry providers = policy.providers();
        providers.routes().keySet().forEach(name -> LOG.info("provider {}: ready", name));
        providers.unavailable().forEach((name, reason) -> LOG.warn("provider {}: skipped, {}", name, reason));
        policy.keys().problems().forEach(LOG::warn);
        if (providers.routes().isEmpty()) {
            LOG.warn("no provider can be called: every request will fail until a key is set");
        }
        LedgerWriter ledger;
        LedgerQueries queries;
        PolicyHolder holder = new PolicyHolder(policy);
        SpendAlerts alerts = new SpendAlerts(() -> holder.current().config().alerts());
        SpendTracker spend = new SpendTracker(Clock.systemUTC(), alerts);
        try {
            LedgerDatabase database = LedgerDatabase.of(config, options.home(), policy.secrets());
            ledger = new LedgerWriter(Ledger.open(database), Duration.ofMillis(config.store().flushIntervalMs()));
            queries = LedgerQueries.open(database);
            spend.load(queries.paidSince(Instant.now().minus(Duration.ofDays(32))), config.budgets().zoneId());
        } catch (Exception e) {
            plugins.close();
            throw e;
        }
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.policyLoaded(config);
        // The ratio is the active profile's monthly budget used (NaN when it has none).
        metrics.budget(() -> monthSpend(queries), () -> monthlyBudgetUsed(spend, holder.current().config()));
        PolicyReloader reloader = new PolicyReloader(loader, holder, result -> {
            metrics.policyReload(result.ok());
            metrics.policyLoaded(result.inForce().config());
        });
        int port = options.port() != null ? options.port() : config.gateway().port();
        String host = host(options.host(), policy);

        HealthChecks checks = new HealthChecks(checked, holder::current, plugins::adapters, reloader::reload);
        if (config.gateway().healthCheckSeconds() > 0) {
            // At start-up: local servers are found, and providers that do not answer are not tried.
            if (checks.checkAll()) {
                reloader.reload();
            }
            checks.every(config.gateway().healthCheckSeconds());
        }

        Main main = new Main();
        // Where the counters live is read at start only: moving them needs a restart.
        Counters counters = config.state().redis() != null ? new RedisCounters(config.state().redis(), clock)
                : new LocalCounters(clock);
        Quotas quotas = new Quotas(counters, clock);
        ProviderHealth health = new ProviderHealth(clock, metrics::cooldown);
        RunUsage runUsage = new RunUsage();
        // Workflow workers call this gateway like any client; the routes need it only once it serves.
        Workflows[] workflows = new Workflows[1];
        GatewayRoutes routes = new GatewayRoutes(holder, ledger, latency, new DecisionLog(DECISIONS_KEPT), reloader,
                new Coders(plugins.coders()), metrics, runUsage, () -> workflows[0], spend, queries,
                new OverlayFile(options.configDir()), quotas, health, waiter);
        main.configure().addRoutesBuilder(routes);
        Runnable reloadPlugins = () -> {
            plugins.reload();
            reloader.reload();
        };
        main.configure().addRoutesBuilder(new PluginAdminRoutes(holder, plugins, reloadPlugins, routes.adminSessions()));
        // camel-micrometer: exchanges and processing time of every route, in the same registry as ours.
        MicrometerRoutePolicyFactory routeMetrics = new MicrometerRoutePolicyFactory();
        routeMetrics.setMeterRegistry(metrics.registry());
        main.bind("routeMetrics", routeMetrics);
        AtomicReference<TraceExport> traces = new AtomicReference<>();
        URI otlp = config.gateway().otlpTracesEndpoint();
        if (otlp != null) {
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterConfigure(BaseMainSupport configured) {
                    traces.set(TraceExport.start(otlp, configured.getCamelContext()));
                }
            });
            LOG.info("OpenTelemetry: sending traces to {}", otlp);
        }
        main.bind("vertxOptions", new VertxOptions()
                .setMaxWorkerExecuteTime(MAX_STREAM_MINUTES).setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES));
        main.addInitialProperty("camel.main.name", "tollgate");
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", host);
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("camel.server.maxBodySize", String.valueOf(config.gateway().maxBodyBytes()));
        PolicyFileWatcher watcher = null;
        PolicyFileWatcher pluginWatcher = null;
        try {
            main.start();
            alerts.attach(main.getCamelContext().createProducerTemplate());
            // Vert.x refuses an oversized body before the route runs; answer it in the ingress's error shape too.
            ApiError tooLargeError = ParseChatRequest.tooLarge(config.gateway().maxBodyBytes());
            String tooLarge = ChatCompletionsApi.INSTANCE.error(tooLargeError);
            String tooLargeForAnthropic = AnthropicMessagesApi.INSTANCE.error(tooLargeError);
            // (A failure handler: the router Camel exposes is mounted under another, which ignores its errorHandler.)
            VertxPlatformHttpRouter.lookup(main.getCamelContext(), VertxPlatformHttpRouter.getRouterNameFromPort(port))
                    .route().failureHandler(ctx -> {
                        if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                            ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                                    .end(ctx.request().path().startsWith("/v1/messages") ? tooLargeForAnthropic : tooLarge);
                        } else {
                            ctx.next();
                        }
                    });
            String ownHost = "0.0.0.0".equals(options.host()) || "::".equals(options.host()) ? "127.0.0.1" : options.host();
            workflows[0] = new Workflows(main.getCamelContext(), holder, URI.create("http://" + ownHost + ":" + port),
                    options.home().resolve(RUNS_FOLDER), options.rulesDir(), plugins.coderRunners(), runUsage);
            watcher = PolicyFileWatcher.start(reloader, options.configDir(), options.rulesDir(), options.envFile());
            if (Files.isDirectory(options.pluginsDir())) {
                pluginWatcher = PolicyFileWatcher.startPlugins(reloadPlugins, options.pluginsDir());
            } else {
                LOG.warn("plugins folder {} does not exist: no plugin is loaded, and none dropped in later", options.pluginsDir());
            }
        } catch (Exception e) {
            checks.close();
            if (watcher != null) {
                watcher.close();
            }
            main.stop();
            if (traces.get() != null) {
                traces.get().close();
            }
            quotas.close();
            queries.close();
            ledger.close();
            plugins.close();
            throw e;
        }
        LOG.info("Tollgate listening on http://{}:{} (profile {}; {} of {} providers ready)", host, port,
                config.profile(), providers.routes().size(), config.providers().size());
        return new Gateway(main, plugins, ledger, queries, traces.get(), holder, loader, watcher, pluginWatcher, checks,
                workflows[0], quotas, health, port);
    }

    /** The workflows of workflows.yaml, run inside this gateway. */
    public Workflows workflows() {
        return workflows;
    }

    /**
     * Where to listen: the asked interface when callers must present a gateway key; otherwise this machine only,
     * since anyone who reaches an open gateway spends its provider keys' quota and money.
     */
    private static String host(String asked, PolicySnapshot policy) {
        boolean keysEnforced = policy.keys().any() && policy.config().gateway().keyRequired(true);
        LOG.info("OpenAI endpoints: {}", keysEnforced ? "a gateway key from keys.yaml is required"
                : "no gateway key is required (keys.yaml has none in force)");
        LOG.info("admin API and dashboard: {}", policy.secrets().key(AdminAccess.KEY_VARIABLE).isPresent()
                ? "the admin key is required" : "this machine only (" + AdminAccess.KEY_VARIABLE + " is unset)");
        if (keysEnforced || isLoopback(asked)) {
            return asked;
        }
        LOG.warn("no gateway keys are in force: listening on 127.0.0.1 only, not on {}; configure keys in keys.yaml "
                + "(tollgate hash-key --generate) to serve other machines", asked);
        return LOOPBACK;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static double monthlyBudgetUsed(SpendTracker spend, TollgateConfig config) {
        BudgetLimit limit = config.budgets().profiles().get(config.profile().name());
        if (limit == null || limit.monthly() == null) {
            return Double.NaN;
        }
        BudgetPeriod month = BudgetPeriod.month(Instant.now(), config.budgets().zoneId());
        return spend.spent(BudgetScope.profile(config.profile().name()), month).doubleValue() / limit.monthly().doubleValue();
    }

    private static double monthSpend(LedgerQueries queries) {
        Instant monthStart = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            return queries.spentSince(monthStart);
        } catch (SQLException e) {
            LOG.warn("the ledger could not be read for the budget gauge: {}", e.getMessage());
            return Double.NaN;
        }
    }

    /** The cooldowns the upstreams taught: for the admin API, the dashboard and tests. */
    public ProviderHealth health() {
        return health;
    }

    public Quotas quotas() {
        return quotas;
    }

    public int port() {
        return port;
    }

    /** Blocks until {@link #close()} is called (from a shutdown hook, for instance). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() throws Exception {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            watcher.close();
            if (pluginWatcher != null) {
                pluginWatcher.close();
            }
            checks.close();
            workflows.close();
            main.stop();
            if (traces != null) {
                traces.close();
            }
            quotas.close();
            queries.close();
            ledger.close();
            plugins.close();
        } finally {
            stopped.countDown();
        }
    }
}
