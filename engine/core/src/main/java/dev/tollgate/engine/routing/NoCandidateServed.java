package dev.tollgate.engine.routing;

import dev.tollgate.engine.policy.Decision;
import dev.tollgate.engine.policy.Ineligible;
import dev.tollgate.spi.ProviderFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * No candidate answered: either the policy left none eligible, or every eligible one failed with
 * a failure that allows falling back. Its message names the policy that kept the others out.
 */
public final class NoCandidateServed extends Exception {
    /** What a FREE user is told when a paid model could have served: how to opt in, in each of the three places. */
    public static final String OPT_IN = "Escalation to a paid model was denied: profile FREE never pays without your opt-in."
            + " To allow it, send the header 'x-tollgate-allow-paid: true' with the request, or set 'allow-paid: true'"
            + " for your key in keys.yaml, or for FREE in profiles.yaml";

    private final FallbackAttempts attempts;

    public NoCandidateServed(FallbackAttempts attempts) {
        super(describe(attempts));
        this.attempts = attempts;
    }

    public FallbackAttempts attempts() {
        return attempts;
    }

    /**
     * Whether the rules excluded every model that could have been called (as opposed to models
     * failing, or their providers being unavailable).
     */
    public boolean refusedByPolicy() {
        Decision decision = attempts.decision();
        String pinned = attempts.pinnedModel();
        if (!decision.ranked().isEmpty()) {
            return false;
        }
        // Unavailable models are never shown to the rules, so a rule exclusion means the policy said no.
        return pinned == null ? !decision.ineligible().isEmpty()
                : decision.ineligible().stream().anyMatch(i -> i.model().equals(pinned));
    }

    /** Whether a budget kept every candidate that could have served from being called. */
    public boolean blockedByBudget() {
        return attempts.budgetBlocked() && attempts.attempts().isEmpty();
    }

    /** Whether every attempt was rate limited, so that the client should simply retry later. */
    public boolean allRateLimited() {
        List<Attempt> tried = attempts.attempts();
        return !tried.isEmpty() && tried.stream().allMatch(a -> a.outcome().equals("rate_limited"));
    }

    private static String describe(FallbackAttempts attempts) {
        Decision decision = attempts.decision();
        String pinned = attempts.pinnedModel();
        StringBuilder text = new StringBuilder();
        if (decision.ranked().isEmpty()) {
            if (pinned != null) {
                text.append("model '").append(pinned).append("' may not serve this request: ")
                        .append(String.join("; ", reasonsFor(decision, pinned)));
                return text.toString();
            }
            text.append("no model may serve this request under profile ").append(decision.profile());
        } else if (attempts.attempts().isEmpty() && attempts.budgetBlocked()) {
            text.append("no model was called, the paid ones being over budget (").append(attempts.budgetNote())
                    .append("); raise the budget in budgets.yaml or wait for the next period");
        } else {
            text.append("every eligible model failed: ");
            List<Attempt> tried = attempts.attempts();
            for (int i = 0; i < tried.size(); i++) {
                Attempt a = tried.get(i);
                text.append(i == 0 ? "" : "; ").append(a.model()).append(": ").append(a.outcome())
                        .append(a.httpStatus() > 0 ? " (HTTP " + a.httpStatus() + ")" : "")
                        .append(a.message() == null ? "" : " " + a.message());
            }
        }
        Map<String, List<String>> modelsByReason = new LinkedHashMap<>();
        for (Ineligible no : decision.excluded()) {
            if (pinned == null || no.model().equals(pinned)) {
                modelsByReason.computeIfAbsent(no.reason(), r -> new ArrayList<>()).add(no.model());
            }
        }
        if (attempts.budgetBlocked() && !attempts.attempts().isEmpty()) {
            text.append("; paid models not called, over budget: ").append(attempts.budgetNote());
        }
        String separator = ". Not tried: ";
        for (Map.Entry<String, List<String>> reason : modelsByReason.entrySet()) {
            text.append(separator).append(String.join(", ", reason.getValue())).append(" (").append(reason.getKey()).append(')');
            separator = "; ";
        }
        if (decision.paidWithheld()) {
            text.append(". ").append(OPT_IN);
        }
        return text.toString();
    }

    private static List<String> reasonsFor(Decision decision, String model) {
        return decision.excluded().stream().filter(i -> i.model().equals(model)).map(Ineligible::reason).toList();
    }

    /** The shortest wait any rate-limited upstream asked for, or {@code null}. */
    public Duration retryAfter() {
        return attempts.failures().stream().map(ProviderFailure::retryAfter).filter(Objects::nonNull)
                .min(Duration::compareTo).orElse(null);
    }
}
