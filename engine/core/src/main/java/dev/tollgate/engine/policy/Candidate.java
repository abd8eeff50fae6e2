package dev.tollgate.engine.policy;

import java.math.BigDecimal;

/**
 * A catalog model that could serve the request, as the rules see it. It carries the request too, so
 * that a rule can test both in one pattern, {@code Candidate(free == false, request.profile == BudgetProfile.FREE)}:
 * Drools joins a {@code RequestFacts} pattern with a {@code Candidate} pattern by keeping one tuple per
 * candidate per rule, which was most of a decision's cost (bench/README.md). Joining the two still works.
 *
 * @param model         the catalog name
 * @param provider      the provider serving it
 * @param free          whether using it costs nothing
 * @param inputPrice    USD per million prompt tokens
 * @param outputPrice   USD per million completion tokens
 * @param contextWindow tokens the model can read
 * @param quality       general capability, 0–1
 * @param coding        coding capability, 0–1
 * @param reasoning     reasoning capability, 0–1
 * @param speed         speed, 0–1
 * @param vision        whether it reads images
 * @param tools         whether it calls tools
 * @param tier          a free-text tier from the catalog, or {@code null}
 * @param fit           how well its capabilities suit this request's route, 0–1 (the route's weights, cost aside)
 * @param base          the points the route's strategy gave it (the order it would be tried in before any rule)
 * @param request       the request being decided, the same {@link RequestFacts} the rules see
 *                      ({@code null} for a candidate described after the decision, in the ledger)
 */
public record Candidate(String model, String provider, boolean free, BigDecimal inputPrice, BigDecimal outputPrice,
                        int contextWindow, double quality, double coding, double reasoning, double speed,
                        boolean vision, boolean tools, String tier, double fit, double base, RequestFacts request) {

    /** {@link #fit} with two decimals, for rules' reasons ({@code String.format} was a fifth of a CAREFUL decision). */
    public String fitText() {
        return PolicyDecider.fixed(fit, 2);
    }
}
