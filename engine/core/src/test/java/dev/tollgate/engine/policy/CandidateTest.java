package dev.tollgate.engine.policy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateTest {

    @Test
    void fitTextShowsTwoDecimalsLikeFormatDid() {
        for (double fit : new double[] {0, 0.05, 0.1, 0.5, 0.8549, 0.855, 0.999, 1}) {
            assertThat(withFit(fit).fitText()).as("fit %s", fit).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", fit));
        }
    }

    private static Candidate withFit(double fit) {
        return new Candidate("m", "p", true, BigDecimal.ZERO, BigDecimal.ZERO, 1000, 0.5, 0.5, 0.5, 0.5, false, true, null, fit, 0, null);
    }
}
