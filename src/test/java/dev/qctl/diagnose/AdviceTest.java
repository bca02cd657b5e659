package dev.qctl.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdviceTest {
    @Test
    void everyBuiltInCauseHasAdvice() {
        for (Cause cause : Cause.BUILT_IN) {
            assertThat(Advice.local().forCause(cause, "a.example").advice()).as(cause.name()).isNotBlank();
        }
    }

    @Test
    void commandsCarryTheTargetOfTheRun() {
        Advice advice = Advice.local().forTarget(List.of("-H", "mx1", "--sudo"));
        assertThat(advice.forCause(Cause.BLOCKLISTED, "a.example").commands()).containsExactly(
                "qctl suspend -H mx1 --sudo a.example --for 4h --reason 'blocklisted by a.example, delisting requested'",
                "qctl resume -H mx1 --sudo a.example");
        assertThat(advice.forCause(Cause.BLOCKLISTED, null).commands()).containsExactly(
                "qctl hold -H mx1 --sudo --cause blocklisted", "qctl release -H mx1 --sudo --cause blocklisted");
        assertThat(advice.forCause(Cause.DNS, "a.example").commands()).containsExactly(
                "qctl bounce -H mx1 --sudo --cause dns --to '*@a.example'");
    }

    @Test
    void aDomainThatIsNotAPlainNameGetsNoCommand() {
        for (String hostile : List.of("a.example;rm -rf /", "$(reboot).example", "a example", "'x'.example", "")) {
            assertThat(Advice.local().forCause(Cause.DESTINATION_UNREACHABLE, hostile).commands()).as(hostile).isEmpty();
            assertThat(Advice.local().forCause(Cause.DNS, hostile).commands()).as(hostile).isEmpty();
        }
        assertThat(Advice.local().forCause(Cause.DNS, null).commands()).isEmpty();
    }

    @Test
    void aSenderFromMessageDataIsQuotedInTheCommand() {
        NextStep step = Advice.local().dominantSender("x'$(id)@example.org", 12, 20);
        assertThat(step.commands()).containsExactly("qctl hold --from 'x'\\''$(id)@example.org'");
    }

    @Test
    void causesOfYourOwnShowTheirAdvice() {
        Advice advice = new Advice(List.of(), Map.of("partner-outage", "Call the partner's NOC."));
        assertThat(advice.forCause(new Cause("partner-outage", "mine"), "p.example").advice())
                .isEqualTo("Call the partner's NOC.");
    }

    @Test
    void rateLimitingAdvisesAgainstFlushingAndSuspendsInstead() {
        NextStep step = Advice.local().forCause(Cause.RATE_LIMITED, "a.example");
        assertThat(step.commands()).containsExactly(
                "qctl suspend a.example --for 1h --reason 'rate-limited by a.example, paused by the admin'",
                "qctl deliver --to '*@a.example' --rate 1/s");
        assertThat(step.advice()).contains("flushing now only makes the limit bite again");
        assertThat(Advice.local().forCause(Cause.RATE_LIMITED, "a b").commands()).isEmpty();
    }
}
