package dev.tollgate.engine.ledger;

import dev.tollgate.engine.budget.MaxCost;
import dev.tollgate.engine.config.BudgetProfile;
import dev.tollgate.engine.config.TollgateConfig;
import dev.tollgate.engine.http.WireJson;
import dev.tollgate.engine.policy.Candidate;
import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.Escalation;
import dev.tollgate.engine.policy.RankedCandidate;
import dev.tollgate.engine.routing.Attempt;
import dev.tollgate.engine.routing.FallbackAttempts;
import dev.tollgate.engine.routing.Served;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a request went to a paid model, or would have and was denied: the trigger, the candidates
 * tried and why each failed, the rules that fired, and the estimated extra cost. Kept in the
 * ledger as JSON; {@code tollgate report} lists it and counts denials for its recommendations.
 *
 * @param trigger           {@code all_free_failed}, {@code quality_gate}, {@code complexity},
 *                          {@code context_too_long}, {@code quality_bar}, {@code client_pinned},
 *                          {@code opted_in} or {@code unlimited}
 * @param denied            whether the profile refused to escalate (FREE without opt-in)
 * @param estimatedExtraUsd what the paid model costs (or would have cost) for this request, at most
 */
public record EscalationRecord(String trigger, String reason, boolean denied, String paidModel,
                               BigDecimal estimatedExtraUsd, String json) {

    /** The record for a finished request, or {@code null} when nothing called for a paid model. */
    public static EscalationRecord of(FallbackAttempts attempts, TollgateConfig config) {
        Decision decision = attempts.decision();
        Served served = attempts.served();
        List<Attempt> tried = attempts.attempts();
        List<Attempt> freeFailures = tried.stream().filter(a -> !a.outcome().equals("ok") && isFree(config, a.model())).toList();
        Escalation ruled = decision.escalation();
        String trigger;
        String reason;
        if (!freeFailures.isEmpty() && freeFailures.get(freeFailures.size() - 1).outcome().equals("quality_gate")) {
            trigger = "quality_gate";
            reason = "a free answer failed the quality gate (" + freeFailures.get(freeFailures.size() - 1).message() + ")";
        } else if (!freeFailures.isEmpty()) {
            trigger = "all_free_failed";
            reason = "every free candidate tried failed";
        } else if (attempts.servedDespiteGate() != null) {
            trigger = "quality_gate";
            reason = "the free answer failed the quality gate (" + attempts.servedDespiteGate() + ")";
        } else if (ruled != null) {
            trigger = ruled.trigger();
            reason = ruled.reason();
        } else {
            trigger = null;
            reason = null;
        }
        boolean paidServed = served != null && !served.candidate().free();
        boolean denied = decision.paidWithheld() && !paidServed && trigger != null
                && (served == null || attempts.servedDespiteGate() != null || ruled != null);
        if (paidServed && trigger == null) {
            trigger = attempts.pinnedModel() != null ? "client_pinned"
                    : decision.profile() == BudgetProfile.UNLIMITED ? "unlimited"
                    : decision.profile() == BudgetProfile.FREE ? "opted_in" : "quality_bar";
            reason = decision.justifications().get(served.candidate().model());
        }
        if (!paidServed && !denied) {
            return null;
        }
        String paidModel = paidServed ? served.candidate().model() : bestPaid(decision, config);
        BigDecimal extra = paidModel == null ? BigDecimal.ZERO
                : MaxCost.of(candidate(decision, config, paidModel), attempts.request(), config.budgets().maxOutputTokens());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trigger", trigger);
        json.put("reason", reason);
        json.put("profile", decision.profile().name());
        json.put("denied", denied);
        if (denied) {
            json.put("opt_in", "send x-tollgate-allow-paid: true, or set allow-paid: true for the key in keys.yaml or for FREE in profiles.yaml");
        }
        json.put("paid_model", paidModel);
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Attempt a : tried) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", a.model());
            c.put("outcome", a.outcome());
            if (a.httpStatus() > 0) {
                c.put("http_status", a.httpStatus());
            }
            if (a.message() != null) {
                c.put("why", a.message());
            }
            candidates.add(c);
        }
        json.put("tried", candidates);
        json.put("rules_fired", decision.rulesFired());
        json.put("estimated_extra_cost_usd", extra);
        return new EscalationRecord(trigger, reason, denied, paidModel, extra, WireJson.write(json));
    }

    private static boolean isFree(TollgateConfig config, String model) {
        return config.models().containsKey(model) && config.models().get(model).free();
    }

    /** The paid model the policy would have used: the best-ranked paid candidate, else the first paid one excluded. */
    private static String bestPaid(Decision decision, TollgateConfig config) {
        for (RankedCandidate ranked : decision.ranked()) {
            if (!ranked.candidate().free()) {
                return ranked.candidate().model();
            }
        }
        return decision.ineligible().stream().map(i -> i.model()).distinct()
                .filter(m -> config.models().containsKey(m) && !config.models().get(m).free())
                .max(java.util.Comparator.comparingDouble(m -> config.models().get(m).quality())).orElse(null);
    }

    private static Candidate candidate(Decision decision, TollgateConfig config, String model) {
        for (RankedCandidate ranked : decision.ranked()) {
            if (ranked.candidate().model().equals(model)) {
                return ranked.candidate();
            }
        }
        var m = config.models().get(model);
        return new Candidate(model, m.provider(), m.free(), m.price().input(), m.price().output(), m.contextWindow(),
                m.quality(), m.coding(), m.reasoning(), m.speed(), m.vision(), m.tools(), m.tier(), 0, 0, null);
    }
}
