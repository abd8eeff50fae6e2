package dev.tollgate.engine.config;

import java.util.List;

/**
 * How a best-of workflow picks its winner among the verified results: at most one of {@code judge}, {@code rule},
 * {@code score-command} scores them, then {@code rank-by} orders them.
 *
 * @param judge        a model (routed like any request) asked which result is best
 * @param rule         a DRL file, relative to the rules folder, whose rules insert {@code ResultScore} facts
 * @param scoreCommand a shell command given each result on stdin that prints a number (higher is better)
 * @param rankBy       the order of the ranking keys: {@code score}, {@code diff-size}, {@code cost}, {@code duration}
 */
public record SelectorConfig(String judge, String rule, String scoreCommand, List<String> rankBy) {
    public static final List<String> RANK_KEYS = List.of("score", "diff-size", "cost", "duration");
    public static final SelectorConfig DEFAULT = new SelectorConfig(null, null, null, null);

    public SelectorConfig {
        rankBy = rankBy == null || rankBy.isEmpty() ? List.of("score", "diff-size", "cost") : List.copyOf(rankBy);
    }
}
