package dev.tollgate.engine.policy;

import java.util.List;

/** An eligible candidate with its summed score and the reasons behind it. */
public record RankedCandidate(Candidate candidate, double score, List<String> reasons) {
    public RankedCandidate {
        reasons = List.copyOf(reasons);
    }
}
