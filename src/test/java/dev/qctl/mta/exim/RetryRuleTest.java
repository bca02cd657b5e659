package dev.qctl.mta.exim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryRuleTest {
    @Test
    void aSingleSetGivesItsTime() {
        // as the sandbox's Exim 4.96 prints it
        RetryRule.Parsed rule = RetryRule.parse("Retry rule: *  *  F,4d,1h; \n").orElseThrow();
        assertThat(rule.cutoff()).isEqualTo(Duration.ofDays(4));
        assertThat(rule.text()).isEqualTo("* * F,4d,1h");
    }

    @Test
    void theLastSetOfSeveralIsTheCutoff() {
        // Debian's default rule
        RetryRule.Parsed rule = RetryRule.parse("Retry rule: *  *  F,2h,15m; G,16h,1h,1.5; F,4d,6h; \n").orElseThrow();
        assertThat(rule.cutoff()).isEqualTo(Duration.ofDays(4));
    }

    @Test
    void combinedUnitsAreAdded() {
        assertThat(RetryRule.parse("Retry rule: example.org * F,1d12h,30m;").orElseThrow().cutoff())
                .isEqualTo(Duration.ofHours(36));
    }

    @Test
    void noRuleMeansUnknown() {
        assertThat(RetryRule.parse("No retry rule found for qctl-probe.invalid\n")).isEmpty();
        assertThat(RetryRule.parse("")).isEmpty();
    }
}
