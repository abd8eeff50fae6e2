package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of the policy for one request, with everything needed to explain it.
 *
 * @param id             the id a client sees in {@code x-tollgate-decision}, also kept in the ledger
 * @param profile        the budget profile in force
 * @param classification the task, its complexity, and the signals that decided them
 * @param route          the route that matched
 * @param strategy       the route's strategy, as written in YAML
 * @param experimentArm  the experiment arm this request fell in, or {@code null}
 * @param ranked         the eligible candidates, best first: the order they will be tried in
 * @param ineligible     the candidates the rules excluded, with their reasons
 * @param unavailable    the catalog models whose provider cannot be called now (no key, no plugin), with the reason
 * @param justifications why each paid candidate may serve, by model
 * @param rulesFired     the rules that fired, in order
 * @param coder          the coder that sent the request, or {@code unknown}
 * @param escalations    what the rules say calls for a paid model (config/escalation.yaml's decision-time triggers)
 * @param paidWithheld   whether the profile kept paid models out for want of the user's opt-in (FREE)
 */
public record Decision(String id, BudgetProfile profile, Classification classification, String route, String strategy,
                       String experimentArm, List<RankedCandidate> ranked, List<Ineligible> ineligible,
                       List<Ineligible> unavailable, Map<String, String> justifications, List<String> rulesFired,
                       String coder, List<Escalation> escalations, boolean paidWithheld) {

    public Decision {
        ranked = List.copyOf(ranked);
        ineligible = List.copyOf(ineligible);
        unavailable = List.copyOf(unavailable);
        justifications = Map.copyOf(justifications);
        rulesFired = List.copyOf(rulesFired);
        escalations = List.copyOf(escalations);
    }

    /** The first escalation the rules concluded, or {@code null}. */
    public Escalation escalation() {
        return escalations.isEmpty() ? null : escalations.get(0);
    }

    /** Every model that will not be tried, with the reason: the rules' exclusions, then the unavailable ones. */
    public List<Ineligible> excluded() {
        List<Ineligible> all = new ArrayList<>(ineligible);
        all.addAll(unavailable);
        return all;
    }

    /** The classification and route, then each ranked candidate and each exclusion: for the ledger. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(classification.complexity()).append(' ').append(classification.task()).append(" (")
                .append(classification.taskSignal()).append("; ").append(classification.complexitySignal())
                .append(") via route ").append(route).append(" (").append(strategy)
                .append(experimentArm == null ? "" : ", arm " + experimentArm).append(')');
        for (RankedCandidate c : ranked) {
            text.append("; ").append(c.candidate().model())
                    .append(String.format(Locale.ROOT, " %.1f (", c.score()))
                    .append(String.join(", ", c.reasons())).append(')');
        }
        for (Ineligible i : excluded()) {
            text.append("; ").append(i.model()).append(" excluded: ").append(i.reason());
        }
        return text.toString();
    }
}
