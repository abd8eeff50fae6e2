package dev.tollgate.engine.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Binds the merged tree to {@link TollgateConfig}, one section entry at a time so that one bad entry does not hide
 * the problems of the next. An entry that cannot be bound is left out and its problems are added.
 */
final class ConfigBinder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            // A typo must not quietly become a truncated number or an enum picked by its position.
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final List<String> PROVIDER_KEYS = List.of("plugin", "base-url");
    private static final List<String> MODEL_KEYS = List.of("provider", "context-window", "quality");
    private static final List<String> PRICE_KEYS = List.of("input", "output");
    private static final List<String> ROUTE_KEYS = List.of("name", "strategy");
    private static final List<String> CODER_KEYS = List.of("command");
    private static final List<String> WORKFLOW_KEYS = List.of("kind");

    /** A {@code profiles} entry as written: what it leaves out keeps the profile's default. */
    private record ProfileEntry(Boolean allowPaid, Double qualityThreshold) {
    }
    /** Without a profile the gateway must not spend money nobody agreed to. */
    private static final BudgetProfile DEFAULT_PROFILE = BudgetProfile.FREE;

    private final ConfigTree tree;
    private final BindingErrors errors;
    private final List<ConfigProblem> problems;

    ConfigBinder(ConfigTree tree, List<ConfigProblem> problems) {
        this.tree = tree;
        this.errors = new BindingErrors(tree);
        this.problems = problems;
    }

    TollgateConfig bind() {
        return new TollgateConfig(gateway(), profile(), profiles(),
                entries("providers", ProviderConfig.class, PROVIDER_KEYS, (name, entry) -> entry),
                entries("models", ModelConfig.class, MODEL_KEYS, this::completeModel),
                entries("keys", GatewayKey.class, List.of(), this::completeKey),
                routes(), classifier(),
                entries("coders", CoderConfig.class, CODER_KEYS, (name, entry) -> entry),
                entries("workflows", WorkflowConfig.class, WORKFLOW_KEYS, (name, entry) -> entry),
                withDefaults("store", StoreSettings.class, StoreSettings.defaults()),
                withDefaults("budgets", BudgetsConfig.class, BudgetsConfig.none()),
                withDefaults("escalation", EscalationConfig.class, EscalationConfig.defaults()),
                withDefaults("alerts", AlertsConfig.class, AlertsConfig.defaults()),
                withDefaults("savings", SavingsConfig.class, SavingsConfig.defaults()));
    }

    private Map<BudgetProfile, ProfileSettings> profiles() {
        Map<BudgetProfile, ProfileSettings> bound = new LinkedHashMap<>();
        JsonPointer sectionAt = SourcePositions.pointer("profiles");
        JsonNode section = tree.root().path("profiles");
        if (isAbsent(section) || !isMapping(section, sectionAt)) {
            return bound;
        }
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            JsonPointer at = sectionAt.appendProperty(entry.getKey());
            BudgetProfile profile = profileNamed(entry.getKey());
            if (profile == null) {
                problems.add(tree.positions().key(at).problem("unknown profile '" + entry.getKey()
                        + "' (known: FREE, CAREFUL, UNLIMITED)"));
                continue;
            }
            JsonNode given = isAbsent(entry.getValue()) ? MAPPER.createObjectNode() : entry.getValue();
            if (isMapping(given, at)) {
                ProfileEntry written = bind(given, at, ProfileEntry.class);
                if (written != null) {
                    ProfileSettings defaults = ProfileSettings.defaults(profile);
                    bound.put(profile, new ProfileSettings(
                            written.allowPaid() != null ? written.allowPaid() : defaults.allowPaid(),
                            written.qualityThreshold() != null ? written.qualityThreshold() : defaults.qualityThreshold()));
                }
            }
        }
        return bound;
    }

    private static BudgetProfile profileNamed(String name) {
        for (BudgetProfile profile : BudgetProfile.values()) {
            if (profile.name().equalsIgnoreCase(name)) {
                return profile;
            }
        }
        return null;
    }

    private List<RouteConfig> routes() {
        List<RouteConfig> bound = new ArrayList<>();
        JsonPointer sectionAt = SourcePositions.pointer("routes");
        JsonNode section = tree.root().path("routes");
        if (isAbsent(section)) {
            return bound;
        }
        if (!section.isArray()) {
            problems.add(tree.positions().value(sectionAt).problem(
                    "'routes' must be a list of routes, got " + BindingErrors.shown(section)));
            return bound;
        }
        for (int i = 0; i < section.size(); i++) {
            JsonPointer at = sectionAt.appendIndex(i);
            JsonNode route = section.get(i);
            if (isMapping(route, at) && hasRequired(route, at, ROUTE_KEYS)) {
                RouteConfig value = bind(route, at, RouteConfig.class);
                if (value != null) {
                    bound.add(value);
                }
            }
        }
        return bound;
    }

    private ClassifierConfig classifier() {
        JsonPointer at = SourcePositions.pointer("classifier");
        JsonNode section = tree.root().path("classifier");
        if (isAbsent(section) || !isMapping(section, at)) {
            return ClassifierConfig.DEFAULT;
        }
        ClassifierConfig classifier = bind(section, at, ClassifierConfig.class);
        return classifier == null ? ClassifierConfig.DEFAULT : classifier;
    }

    private GatewaySettings gateway() {
        return withDefaults("gateway", GatewaySettings.class, GatewaySettings.defaults());
    }

    /** A section of settings: what it leaves out keeps the default. */
    private <T> T withDefaults(String name, Class<T> type, T defaults) {
        JsonPointer at = SourcePositions.pointer(name);
        JsonNode section = tree.root().path(name);
        if (isAbsent(section) || !isMapping(section, at)) {
            return defaults;
        }
        // The user's keys first, so that problems are found in file order.
        ObjectNode withDefaults = section.deepCopy();
        MAPPER.<ObjectNode>valueToTree(defaults).properties()
                .forEach(setting -> withDefaults.putIfAbsent(setting.getKey(), setting.getValue()));
        T bound = bind(withDefaults, at, type);
        return bound == null ? defaults : bound;
    }

    private BudgetProfile profile() {
        JsonNode section = tree.root().path("profile");
        if (isAbsent(section)) {
            return DEFAULT_PROFILE;
        }
        BudgetProfile profile = bind(section, SourcePositions.pointer("profile"), BudgetProfile.class);
        return profile == null ? DEFAULT_PROFILE : profile;
    }

    /**
     * @param required  the keys every entry must give
     * @param completed fills in an entry's defaults by its name, or gives {@code null} when it cannot be bound
     */
    private <T> Map<String, T> entries(String section, Class<T> type, List<String> required,
                                       BiFunction<String, ObjectNode, JsonNode> completed) {
        Map<String, T> bound = new LinkedHashMap<>();
        JsonPointer sectionAt = SourcePositions.pointer(section);
        JsonNode entries = tree.root().path(section);
        if (isAbsent(entries) || !isMapping(entries, sectionAt)) {
            return bound;
        }
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            JsonPointer at = sectionAt.appendProperty(entry.getKey());
            if (isMapping(entry.getValue(), at) && hasRequired(entry.getValue(), at, required)) {
                T value = bind(completed.apply(entry.getKey(), (ObjectNode) entry.getValue()), at, type);
                if (value != null) {
                    bound.put(entry.getKey(), value);
                }
            }
        }
        return bound;
    }

    /**
     * A model's upstream id defaults to its catalog name; a price, when given, must state both prices.
     *
     * @return the entry ready to bind, or {@code null} (with the problems added) when its price is incomplete
     */
    private JsonNode completeModel(String name, ObjectNode model) {
        JsonNode price = model.path("price");
        JsonPointer priceAt = SourcePositions.pointer("models", name, "price");
        if (!isAbsent(price) && !(isMapping(price, priceAt) && hasRequired(price, priceAt, PRICE_KEYS))) {
            return null;
        }
        if (!isAbsent(model.path("upstream"))) {
            return model;
        }
        ObjectNode completed = model.deepCopy();
        completed.put("upstream", name);
        return completed;
    }

    /** A gateway key names where its value is: an environment variable, or its hash right here. */
    private JsonNode completeKey(String name, ObjectNode key) {
        if (isAbsent(key.path("key-env")) && isAbsent(key.path("key-hash"))) {
            problems.add(tree.positions().key(SourcePositions.pointer("keys", name)).problem(
                    "missing required key 'key-env' or 'key-hash' in keys." + name));
            return null;
        }
        return key;
    }

    private boolean hasRequired(JsonNode entry, JsonPointer at, List<String> keys) {
        boolean complete = true;
        for (String key : keys) {
            JsonNode value = entry.path(key);
            if (value.isMissingNode()) {
                problems.add(tree.positions().key(at).problem(
                        "missing required key '" + key + "' in " + tree.describe(at)));
                complete = false;
            } else if (value.isNull() || value.isTextual() && value.asText().isBlank()) {
                problems.add(tree.positions().value(at.appendProperty(key)).problem(
                        "'" + key + "' in " + tree.describe(at) + " must not be empty"));
                complete = false;
            }
        }
        return complete;
    }

    private boolean isMapping(JsonNode node, JsonPointer at) {
        if (node.isObject()) {
            return true;
        }
        problems.add(tree.positions().value(at).problem(
                "'" + tree.name(at) + "' must be a mapping, got " + BindingErrors.shown(node)));
        return false;
    }

    private static boolean isAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    /**
     * Jackson stops at an entry's first mistake; to report the others too, the key at fault is taken out and the
     * entry bound again until nothing more is wrong.
     *
     * @return the bound value, or {@code null} (with the problems added) when the node does not fit the type
     */
    private <T> T bind(JsonNode node, JsonPointer at, Class<T> type) {
        if (node == null) {
            return null;
        }
        JsonNode remaining = node.deepCopy();
        boolean failed = false;
        while (true) {
            try {
                T value = MAPPER.treeToValue(remaining, type);
                return failed ? null : value;
            } catch (JsonProcessingException e) {
                failed = true;
                problems.add(errors.translate(e, at));
                JsonPointer fault = BindingErrors.pathOf(e);
                if (fault.matches() || !(remaining instanceof ObjectNode entry)
                        || entry.remove(fault.getMatchingProperty()) == null) {
                    return null;
                }
            }
        }
    }
}
