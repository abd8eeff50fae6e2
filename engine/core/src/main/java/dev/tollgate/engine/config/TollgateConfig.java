package dev.tollgate.engine.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration, as loaded from the config directory by {@link ConfigLoader}.
 *
 * @param gateway    how the gateway itself runs
 * @param profile    the budget profile that policy applies
 * @param profiles   what each profile means; always holds all three
 * @param providers  provider name to its settings, in file order
 * @param models     catalog model name to its settings, in file order
 * @param keys       gateway key name to its terms, in file order
 * @param routes     the route table, in order
 * @param classifier how requests are classified
 * @param coders     headless coder CLIs workflows can run, by name, in file order
 * @param workflows  the workflows {@code tollgate run} and the admin API start, by name, in file order
 * @param store      where the ledger lives and how it is written
 * @param budgets    spending limits by profile, key and team
 * @param escalation what calls for a paid model
 * @param alerts     where budget alerts go
 * @param savings    what each request's cost is compared with
 */
public record TollgateConfig(GatewaySettings gateway, BudgetProfile profile, Map<BudgetProfile, ProfileSettings> profiles,
                             Map<String, ProviderConfig> providers, Map<String, ModelConfig> models,
                             Map<String, GatewayKey> keys, List<RouteConfig> routes, ClassifierConfig classifier,
                             Map<String, CoderConfig> coders, Map<String, WorkflowConfig> workflows, StoreSettings store,
                             BudgetsConfig budgets, EscalationConfig escalation,
                             AlertsConfig alerts, SavingsConfig savings) {

    public TollgateConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(profile, "profile");
        Map<BudgetProfile, ProfileSettings> all = new EnumMap<>(BudgetProfile.class);
        for (BudgetProfile each : BudgetProfile.values()) {
            all.put(each, profiles != null && profiles.containsKey(each) ? profiles.get(each) : ProfileSettings.defaults(each));
        }
        profiles = Collections.unmodifiableMap(all);
        providers = orderedCopy(providers);
        models = orderedCopy(models);
        keys = orderedCopy(keys);
        routes = routes == null ? List.of() : List.copyOf(routes);
        classifier = classifier == null ? ClassifierConfig.DEFAULT : classifier;
        store = store == null ? StoreSettings.defaults() : store;
        budgets = budgets == null ? BudgetsConfig.none() : budgets;
        escalation = escalation == null ? EscalationConfig.defaults() : escalation;
        alerts = alerts == null ? AlertsConfig.defaults() : alerts;
        savings = savings == null ? SavingsConfig.defaults() : savings;
        coders = orderedCopy(coders);
        workflows = orderedCopy(workflows);
    }

    /** A configuration without coders and workflows, its ledger stored as by default. */
    public TollgateConfig(GatewaySettings gateway, BudgetProfile profile, Map<BudgetProfile, ProfileSettings> profiles,
                          Map<String, ProviderConfig> providers, Map<String, ModelConfig> models,
                          Map<String, GatewayKey> keys, List<RouteConfig> routes, ClassifierConfig classifier) {
        this(gateway, profile, profiles, providers, models, keys, routes, classifier, Map.of(), Map.of(), null, null, null, null, null);
    }

    static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
