package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The checks no type can express: ranges, URLs, and that every model's provider exists. */
final class ConfigValidator {
    private final ConfigTree tree;
    private final Path configDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigValidator(ConfigTree tree, Path configDirectory) {
        this.tree = tree;
        this.configDirectory = configDirectory;
    }

    List<ConfigProblem> check(TollgateConfig config) {
        checkGateway(config.gateway());
        checkStore(config.store());
        checkBudgets(config.budgets());
        checkEscalation(config.escalation());
        SavingsConfig savings = config.savings();
        require(savings.referenceModel() == null || config.models().containsKey(savings.referenceModel()),
                "is not a model in the catalog", "savings", "reference-model");
        savings.byTask().forEach((task, model) -> require(config.models().containsKey(model),
                "is not a model in the catalog", "savings", "by-task", task));
        for (int i = 0; i < config.alerts().endpoints().size(); i++) {
            String uri = config.alerts().endpoints().get(i);
            require(uri != null && uri.matches("[a-z][a-z0-9+.-]*:.+"), "must be a Camel endpoint URI such as log:budget or"
                    + " file:data/alerts", SourcePositions.pointer("alerts", "endpoints").appendIndex(i));
        }
        config.providers().forEach(this::checkProvider);
        Set<String> declaredProviders = new TreeSet<>();
        JsonNode providers = tree.root().path("providers");
        providers.properties().forEach(provider -> declaredProviders.add(provider.getKey()));
        // A providers section that is not a mapping is reported already; every model would only repeat it.
        boolean providersReadable = providers.isObject() || providers.isMissingNode() || providers.isNull();
        config.models().forEach((name, model) -> checkModel(name, model, providersReadable ? declaredProviders : null));
        checkSomeModelDeclared();
        config.profiles().forEach((profile, settings) -> require(
                settings.qualityThreshold() >= 0 && settings.qualityThreshold() <= 1, "must be between 0 and 1",
                "profiles", profileKey(profile), "quality-threshold"));
        config.keys().forEach((name, key) -> {
            if (key.keyHash() != null) {
                require(key.keyEnv() == null, "and key-hash are two answers to one question: keep one",
                        "keys", name, "key-env");
                require(KeyHash.isHash(key.keyHash()), "must be sha256: and 64 hex digits (tollgate hash-key prints it)",
                        "keys", name, "key-hash");
            } else {
                require(key.keyEnv() != null && !key.keyEnv().isBlank(),
                        "of gateway key '" + name + "' must name an environment variable", "keys", name, "key-env");
            }
        });
        new RouteValidator(tree, problems).check(config);
        new WorkflowValidator(tree, problems).check(config);
        return problems;
    }

    private void checkGateway(GatewaySettings gateway) {
        require(gateway.port() >= 1 && gateway.port() <= 65535, "must be between 1 and 65535", "gateway", "port");
        require(gateway.maxBodyBytes() > 0, "must be greater than 0", "gateway", "max-body-bytes");
        require(gateway.upstreamTimeoutSeconds() > 0, "must be greater than 0", "gateway", "upstream-timeout-seconds");
        require(gateway.connectTimeoutSeconds() > 0, "must be greater than 0", "gateway", "connect-timeout-seconds");
        require(gateway.ledger() != null && !gateway.ledger().isBlank(), "must not be empty", "gateway", "ledger");
        for (int i = 0; i < gateway.autoAliases().size(); i++) {
            String alias = gateway.autoAliases().get(i);
            require(alias != null && !alias.isBlank(), "must not be empty",
                    SourcePositions.pointer("gateway", "auto-aliases").appendIndex(i));
        }
    }

    private void checkStore(StoreSettings store) {
        require(store.url() == null || store.url().startsWith("jdbc:postgresql:") || store.url().startsWith("jdbc:sqlite:"),
                "must be a jdbc:postgresql: or jdbc:sqlite: URL", "store", "url");
        require(store.flushIntervalMs() > 0, "must be greater than 0", "store", "flush-interval-ms");
    }

    private void checkEscalation(EscalationConfig escalation) {
        for (int i = 0; i < escalation.triggers().size(); i++) {
            require(EscalationConfig.TRIGGERS.contains(escalation.triggers().get(i)),
                    "is not a trigger (known: " + String.join(", ", EscalationConfig.TRIGGERS) + ")",
                    SourcePositions.pointer("escalation", "triggers").appendIndex(i));
        }
        require(java.util.List.of("simple", "medium", "complex").contains(escalation.freeComplexityBar()),
                "must be simple, medium or complex", "escalation", "free-complexity-bar");
        require(escalation.qualityGate().cutShortBelowTokens() >= 0, "must not be negative",
                "escalation", "quality-gate", "cut-short-below-tokens");
    }

    private void checkBudgets(BudgetsConfig budgets) {
        try {
            budgets.zoneId();
        } catch (java.time.DateTimeException e) {
            require(false, "must be a time zone such as Europe/Paris or UTC", "budgets", "zone");
        }
        require(budgets.maxOutputTokens() > 0, "must be greater than 0", "budgets", "max-output-tokens");
        for (String scope : new String[] {"profiles", "keys", "teams"}) {
            java.util.Map<String, BudgetLimit> limits = switch (scope) {
                case "profiles" -> budgets.profiles();
                case "keys" -> budgets.keys();
                default -> budgets.teams();
            };
            limits.forEach((name, limit) -> {
                if ("profiles".equals(scope)) {
                    require(java.util.Arrays.stream(BudgetProfile.values()).anyMatch(p -> p.name().equals(name)),
                            "is not a profile (known: FREE, CAREFUL, UNLIMITED)", SourcePositions.pointer("budgets", scope, name));
                }
                require(BudgetsConfig.positive(limit.daily()), "must be greater than 0", "budgets", scope, name, "daily");
                require(BudgetsConfig.positive(limit.monthly()), "must be greater than 0", "budgets", scope, name, "monthly");
                for (int i = 0; i < limit.alertAt().size(); i++) {
                    Integer percent = limit.alertAt().get(i);
                    require(percent != null && percent > 0 && percent <= 1000, "must be a percentage between 1 and 1000",
                            SourcePositions.pointer("budgets", scope, name, "alert-at").appendIndex(i));
                }
            });
        }
    }

    private void checkProvider(String name, ProviderConfig provider) {
        URI url = provider.baseUrl();
        boolean web = url.isAbsolute() && url.getHost() != null
                && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
        require(web, "of provider '" + name + "' must be an absolute http or https URL", "providers", name, "base-url");
        require(provider.apiKeyEnv() == null || !provider.apiKeyEnv().isBlank(),
                "of provider '" + name + "' must name an environment variable, or be left out when the provider"
                        + " needs no key", "providers", name, "api-key-env");
        provider.headers().forEach((header, value) -> require(value != null,
                "header of provider '" + name + "' must have a value", "providers", name, "headers", header));
    }

    /** @param declaredProviders the names under {@code providers}, or {@code null} when they cannot be known */
    private void checkModel(String name, ModelConfig model, Set<String> declaredProviders) {
        if (declaredProviders != null && !declaredProviders.contains(model.provider())) {
            String known = declaredProviders.isEmpty() ? "no providers are defined" : "known: "
                    + String.join(", ", declaredProviders);
            problems.add(tree.positions().value(SourcePositions.pointer("models", name, "provider")).problem(
                    "unknown provider '" + model.provider() + "' for model '" + name + "' (" + known + ")"));
        }
        require(!model.upstream().isBlank(), "of model '" + name + "' must not be empty", "models", name, "upstream");
        require(model.contextWindow() > 0, "of model '" + name + "' must be greater than 0",
                "models", name, "context-window");
        require(model.quality() >= 0 && model.quality() <= 1, "of model '" + name + "' must be between 0 and 1",
                "models", name, "quality");
        // Only the scores written: coding and reasoning default to quality, whose own problem is reported already.
        for (String score : new String[] {"coding", "reasoning", "speed"}) {
            JsonNode written = tree.root().at(SourcePositions.pointer("models", name, score));
            require(written.isMissingNode() || written.asDouble() >= 0 && written.asDouble() <= 1,
                    "of model '" + name + "' must be between 0 and 1", "models", name, score);
        }
        require(model.price().input().signum() >= 0, "price of model '" + name + "' must not be negative",
                "models", name, "price", "input");
        require(model.price().output().signum() >= 0, "price of model '" + name + "' must not be negative",
                "models", name, "price", "output");
    }

    /** The {@code profiles} key as the user wrote it (any case), or the canonical name when it is not written. */
    private String profileKey(BudgetProfile profile) {
        for (Iterator<String> written = tree.root().path("profiles").fieldNames(); written.hasNext(); ) {
            String key = written.next();
            if (key.equalsIgnoreCase(profile.name())) {
                return key;
            }
        }
        return profile.name();
    }

    private void checkSomeModelDeclared() {
        JsonNode models = tree.root().path("models");
        if (models.size() > 0) {
            return;
        }
        String message = "no models are defined: add at least one entry under 'models'";
        SourcePosition section = tree.positions().key(SourcePositions.pointer("models"));
        problems.add(section != null ? section.problem(message) : ConfigProblem.in(configDirectory, message));
    }

    /** Adds {@code 'key' <rule>, got <value>} at the value when the condition does not hold. */
    private void require(boolean holds, String rule, String... path) {
        require(holds, rule, SourcePositions.pointer(path));
    }

    private void require(boolean holds, String rule, JsonPointer at) {
        if (holds) {
            return;
        }
        problems.add(tree.positions().value(at).problem(
                "'" + tree.name(at) + "' " + rule + ", got " + BindingErrors.shown(tree.root().at(at))));
    }
}
