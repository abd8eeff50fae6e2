package dev.tollgate.engine.policy;

import dev.tollgate.engine.config.BudgetProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of the policy for one request.
 *
 * @param id         the id a client sees in {@code x-tollgate-decision}, also kept in the ledger
 * @param profile    the budget profile in force
 * @param ranked     the eligible candidates, best first: the order they will be tried in
 * @param ineligible  the candidates the rules excluded, with their reasons
 * @param unavailable the catalog models whose provider cannot be called now (no key, no plugin), with the reason
 * @param rulesFired  the rules that fired, in order
 */
public record Decision(String id, BudgetProfile profile, List<RankedCandidate> ranked, List<Ineligible> ineligible,
                       List<Ineligible> unavailable, List<String> rulesFired) {

    public Decision {
        ranked = List.copyOf(ranked);
        ineligible = List.copyOf(ineligible);
        unavailable = List.copyOf(unavailable);
        rulesFired = List.copyOf(rulesFired);
    }

    /** Every model that will not be tried, with the reason: the rules' exclusions, then the unavailable ones. */
    public List<Ineligible> excluded() {
        List<Ineligible> all = new ArrayList<>(ineligible);
        all.addAll(unavailable);
        return all;
    }

    /** One line per ranked candidate and per exclusion, for the ledger and error messages. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (RankedCandidate c : ranked) {
            text.append(text.isEmpty() ? "" : "; ").append(c.candidate().model())
                    .append(String.format(Locale.ROOT, " %.1f (", c.score()))
                    .append(String.join(", ", c.reasons())).append(')');
        }
        for (Ineligible i : excluded()) {
            text.append(text.isEmpty() ? "" : "; ").append(i.model()).append(" excluded: ").append(i.reason());
        }
        return text.toString();
    }
}
