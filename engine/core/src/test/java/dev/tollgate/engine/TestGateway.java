package dev.tollgate.engine;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A real gateway for a test: its own home folder with config written from the test's catalog,
 * the repository's rules, the built plugin jars, a .env with test keys, an SQLite ledger, and
 * every provider pointed at one WireMock server (each under its own path, {@code /<provider>/v1}).
 */
public final class TestGateway implements AutoCloseable {
    /**
     * A catalog entry: provider "x" is served by WireMock under /x/v1.
     *
     * @param reasoning the reasoning score, or {@code null} for the catalog default (the quality)
     */
    public record Model(String name, String provider, String upstream, boolean free, double quality,
                        String inputPrice, String outputPrice, int contextWindow, Double reasoning, boolean vision) {
        public static Model free(String name, double quality) {
            return new Model(name, provider(name), upstream(name), true, quality, "0", "0", 128_000, null, false);
        }

        public static Model paid(String name, double quality, String inputPrice, String outputPrice) {
            return new Model(name, provider(name), upstream(name), false, quality, inputPrice, outputPrice, 128_000,
                    null, false);
        }

        public Model withContextWindow(int tokens) {
            return new Model(name, provider, upstream, free, quality, inputPrice, outputPrice, tokens, reasoning, vision);
        }

        public Model withReasoning(double score) {
            return new Model(name, provider, upstream, free, quality, inputPrice, outputPrice, contextWindow, score, vision);
        }

        public Model withVision() {
            return new Model(name, provider, upstream, free, quality, inputPrice, outputPrice, contextWindow, reasoning, true);
        }

        private static String provider(String name) {
            return name.substring(0, name.indexOf('/'));
        }

        private static String upstream(String name) {
            return name.substring(name.indexOf('/') + 1) + "-upstream";
        }
    }

    private final WireMockServer upstream = new WireMockServer(wireMockConfig().dynamicPort());
    private final Path home;
    private final List<Model> catalog = new ArrayList<>();
    private String profile = "FREE";
    private long maxBodyBytes = 10 * 1024 * 1024;
    private int upstreamTimeoutSeconds = 5;
    private String upstreamBaseUrl;
    private final Set<String> providersWithoutKey = new LinkedHashSet<>();
    private final Map<String, String> pluginOf = new LinkedHashMap<>();
    private Path pluginsDir = Path.of(System.getProperty("tollgate.plugins"));
    private final Map<String, String> extraConfig = new LinkedHashMap<>();
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private final Map<String, String> gatewayKeys = new LinkedHashMap<>();
    private String store = "store:\n  flush-interval-ms: 50\n";
    private TestDatabase database;
    private boolean ownRules;
    private int starts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Gateway gateway;
    private TestClock clock;

    public TestGateway() {
        try {
            home = Files.createTempDirectory("tollgate-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upstream.start();
    }

    public TestGateway model(Model model) {
        catalog.removeIf(m -> m.name().equals(model.name()));
        catalog.add(model);
        return this;
    }

    /** Another file in the gateway's config folder (routes.yaml, profiles.yaml, …). */
    public TestGateway configFile(String name, String yaml) {
        extraConfig.put(name, yaml);
        return this;
    }

    /** Another variable in the gateway's .env. */
    public TestGateway env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Writes {@code file} the way editors save: a temporary file renamed over it, so that no reader sees half of it. */
    public static void save(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One of the repository's own config files, as shipped. */
    public TestGateway shippedConfigFile(String name) throws IOException {
        return configFile(name, Files.readString(repo().resolve("config").resolve(name)));
    }

    /** A gateway key: its YAML entry under {@code keys}, and the secret value clients send ({@link #gatewayKeyValue}). */
    public TestGateway gatewayKey(String name, String yamlEntry) {
        gatewayKeys.put(name, yamlEntry);
        return this;
    }

    public static String gatewayKeyValue(String name) {
        return "tg-" + name + "-4c1d8e2a9f";
    }

    /** Serve from a copy of the repository's rules in the gateway's home, so that a test can edit them. */
    public TestGateway ownRules() {
        ownRules = true;
        return this;
    }

    public Path rulesDir() {
        return ownRules ? home.resolve("rules") : repo().resolve("rules");
    }

    /** Quotas and cooldowns count time on this clock, and waiting for a slot moves it forward. */
    public TestGateway clock(TestClock clock) {
        this.clock = clock;
        return this;
    }

    /** The running gateway, for tests that look at its state. */
    public Gateway gateway() {
        return gateway;
    }

    public boolean started() {
        return gateway != null;
    }

    /** How many times this gateway was started. */
    public int starts() {
        return starts;
    }

    /** The ledger in PostgreSQL (a schema of its own) instead of the SQLite file. */
    public TestGateway ledgerIn(TestDatabase database) {
        this.database = database;
        return this;
    }

    /** How often the ledger writer flushes (the tests' default is 50 ms, to keep them quick). */
    public TestGateway flushIntervalMs(int millis) {
        store = "store:\n  flush-interval-ms: " + millis + "\n";
        return this;
    }

    public TestGateway profile(String name) {
        profile = name;
        return this;
    }

    public TestGateway maxBodyBytes(long bytes) {
        maxBodyBytes = bytes;
        return this;
    }

    /** Serve {@code provider} through another plugin than openai-compatible (its stubs then speak that plugin's wire API). */
    public TestGateway plugin(String provider, String pluginId) {
        pluginOf.put(provider, pluginId);
        return this;
    }

    /** Load plugins from {@code dir} instead of the build's dist/plugins (for tests that drop jars in). */
    public TestGateway pluginsDir(Path dir) {
        pluginsDir = dir;
        return this;
    }

    /** The WireMock server every provider is stubbed on, for stubs in a provider's own wire format. */
    public WireMockServer wireMock() {
        return upstream;
    }

    public TestGateway upstreamTimeoutSeconds(int seconds) {
        upstreamTimeoutSeconds = seconds;
        return this;
    }

    /** Points every provider at another server than the WireMock one ({@code <url>/<provider>/v1}). */
    public TestGateway upstreamBaseUrl(String url) {
        upstreamBaseUrl = url;
        return this;
    }

    public TestGateway withoutKeyFor(String provider) {
        providersWithoutKey.add(provider);
        return this;
    }

    public UpstreamStubs upstreams() {
        return new UpstreamStubs(upstream);
    }

    /** The key the gateway sends to {@code provider}; tests check it never leaks. */
    public static String keyOf(String provider) {
        return "sk-test-" + provider + "-7f3c9a1e5b2d4f60";
    }

    public Path home() {
        return home;
    }

    public TestGateway start() throws Exception {
        writeConfig();
        if (ownRules) {
            Files.createDirectories(home.resolve("rules"));
            try (var drl = Files.list(repo().resolve("rules"))) {
                for (Path file : drl.toList()) {
                    Files.copy(file, home.resolve("rules").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        gateway = clock == null ? Gateway.start(options(home.resolve("config")))
                : Gateway.start(options(home.resolve("config")), clock, clock);
        starts++;
        return this;
    }

    /** The options {@link #start()} uses, for tests that start the gateway themselves. */
    public Gateway.Options options(Path configDir) {
        return new Gateway.Options(home, configDir, rulesDir(), pluginsDir,
                home.resolve(".env"), freePort(), "127.0.0.1");
    }

    public static Path repo() {
        return Path.of(System.getProperty("tollgate.repo"));
    }

    public void writeConfig() throws IOException {
        Path config = Files.createDirectories(home.resolve("config"));
        Files.writeString(config.resolve("gateway.yaml"), """
                gateway:
                  ledger: data/ledger.db
                  max-body-bytes: %d
                  upstream-timeout-seconds: %d
                profile: %s
                """.formatted(maxBodyBytes, upstreamTimeoutSeconds, profile) + store + (database == null ? "" : database.storeYaml()));
        StringBuilder providers = new StringBuilder("providers:\n");
        StringBuilder env = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (Model model : catalog) {
            if (seen.add(model.provider())) {
                String variable = "KEY_" + model.provider().toUpperCase(Locale.ROOT).replace('-', '_');
                providers.append("""
                          %s:
                            plugin: %s
                            base-url: %s/%s/v1
                            api-key-env: %s
                        """.formatted(model.provider(), pluginOf.getOrDefault(model.provider(), "openai-compatible"),
                        upstreamBaseUrl != null ? upstreamBaseUrl : upstream.baseUrl(), model.provider(), variable));
                if (!providersWithoutKey.contains(model.provider())) {
                    env.append(variable).append('=').append(keyOf(model.provider())).append('\n');
                }
            }
        }
        Files.writeString(config.resolve("providers.yaml"), providers);
        StringBuilder models = new StringBuilder("models:\n");
        for (Model model : catalog) {
            models.append("""
                      %s:
                        provider: %s
                        upstream: %s
                        context-window: %d
                        free: %s
                        quality: %s
                        price: { input: %s, output: %s }
                        vision: %s
                    """.formatted(model.name(), model.provider(), model.upstream(), model.contextWindow(), model.free(),
                    model.quality(), model.inputPrice(), model.outputPrice(), model.vision()));
            if (model.reasoning() != null) {
                models.append("    reasoning: ").append(model.reasoning()).append('\n');
            }
        }
        Files.writeString(config.resolve("models.yaml"), models);
        if (!gatewayKeys.isEmpty()) {
            StringBuilder keys = new StringBuilder("keys:\n");
            gatewayKeys.forEach((name, entry) -> {
                String variable = "GATEWAY_KEY_" + name.toUpperCase(Locale.ROOT);
                keys.append("  ").append(name).append(":\n    key-env: ").append(variable).append('\n')
                        .append(entry.indent(4));
                env.append(variable).append('=').append(gatewayKeyValue(name)).append('\n');
            });
            Files.writeString(config.resolve("keys.yaml"), keys);
        }
        for (Map.Entry<String, String> file : extraConfig.entrySet()) {
            Files.writeString(config.resolve(file.getKey()), file.getValue());
        }
        extraEnv.forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
        Files.writeString(home.resolve(".env"), env);
    }

    /** Stops the gateway as a normal shutdown does. */
    public void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + gateway.port());
    }

    /** Where {@code model}'s provider is stubbed: for measuring the upstream without the gateway. */
    public URI upstreamUri(Model model) {
        return URI.create(upstream.baseUrl() + "/" + model.provider() + "/v1/chat/completions");
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, Map.of());
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(baseUri().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient http() {
        return http;
    }

    /** A chat request for {@code model} with one user message. */
    public static String chat(String model, boolean stream) {
        return """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "Write a haiku about tolls."}]}
                """.formatted(model, stream);
    }

    /** The ledger's request rows, oldest first; waits briefly because the ledger is written off the request path. */
    public List<Map<String, Object>> ledger(int expectedRows) throws SQLException, InterruptedException {
        List<Map<String, Object>> rows = List.of();
        for (int i = 0; i < 50; i++) {
            rows = query("SELECT * FROM requests ORDER BY id");
            if (rows.size() >= expectedRows) {
                break;
            }
            Thread.sleep(100);
        }
        return rows;
    }

    public List<Map<String, Object>> query(String sql) throws SQLException {
        if (database != null) {
            return database.query(sql);
        }
        Path file = home.resolve("data/ledger.db");
        if (!Files.exists(file)) {
            return List.of();
        }
        return query(DriverManager.getConnection("jdbc:sqlite:" + file), sql);
    }

    /** Runs {@code sql} on {@code connection} and closes it. */
    public static List<Map<String, Object>> query(Connection connection, String sql) throws SQLException {
        try (Connection db = connection;
             Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.put(meta.getColumnName(c), rs.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        upstream.stop();
        // The gateway's home (config, .env, the SQLite ledger) would otherwise stay in the temp folder, one per test.
        TempFolders.delete(home);
    }
}
