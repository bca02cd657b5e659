package dev.qctl.mta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.model.Mta;
import dev.qctl.model.Suspension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspensionMapTest {
    private static final Instant SINCE = Instant.ofEpochSecond(1_796_127_711);
    private static final Instant UNTIL = Instant.ofEpochSecond(1_796_131_311);

    @Test
    void postfixEntriesAreRetryWithTheReasonAfterTheirCommentLine() {
        String text = SuspensionMap.render(Mta.POSTFIX, List.of(
                new Suspension("gmail.com", SINCE, UNTIL, "blocked: 421 4.7.0 try later", "alice"),
                new Suspension("example.net", SINCE, null, "partner MX down", "bob")));
        assertThat(text).isEqualTo(SuspensionMap.HEADER + "\n"
                + "#qctl gmail.com 1796127711 1796131311 alice\n"
                + "gmail.com\tretry:4.0.0 suspended by qctl: blocked: 421 4.7.0 try later\n"
                + "#qctl example.net 1796127711 0 bob\n"
                + "example.net\tretry:4.0.0 suspended by qctl: partner MX down\n");
    }

    @Test
    void eximEntriesAreThePlainReason() {
        String text = SuspensionMap.render(Mta.EXIM, List.of(new Suspension("gmail.com", SINCE, null, "why", "root")));
        assertThat(text).endsWith("#qctl gmail.com 1796127711 0 root\ngmail.com\tsuspended by qctl: why\n");
    }

    @Test
    void parsingGivesBackWhatWasRendered() {
        for (Mta mta : Mta.values()) {
            List<Suspension> entries = List.of(new Suspension("a.example", SINCE, UNTIL, "r 1", "alice"),
                    new Suspension("b.example", SINCE, null, "r: 2", "bob"));
            assertThat(SuspensionMap.parse(mta, SuspensionMap.render(mta, entries))).isEqualTo(entries);
        }
    }

    @Test
    void anEntryWrittenByHandHasNoTimesAndAnUnknownAuthor() {
        List<Suspension> parsed = SuspensionMap.parse(Mta.POSTFIX, "# mine\nold.example\tretry:4.7.1 by hand\n"
                + "#qctl stray.example 1 0 x\n");
        assertThat(parsed).containsExactly(new Suspension("old.example", null, null, "4.7.1 by hand", "unknown"));
    }

    @Test
    void linesQctlCannotReadAreLeftOutAndADomainCountsOnce() {
        List<Suspension> parsed = SuspensionMap.parse(Mta.EXIM, "bad domain!\tx\nok.example\tsuspended by qctl: first\n"
                + "ok.example\tsuspended by qctl: second\nno-tab-line\n\n");
        assertThat(parsed).extracting(Suspension::reason).containsExactly("first");
    }

    @Test
    void domainsAndReasonsAreChecked() {
        assertThat(Suspension.domain("GMail.COM.")).isEqualTo("gmail.com");
        assertThatThrownBy(() -> Suspension.domain("-x.com")).hasMessageContaining("invalid domain");
        assertThatThrownBy(() -> Suspension.domain("a b")).hasMessageContaining("invalid domain");
        assertThatThrownBy(() -> Suspension.domain("x\tretry:evil")).hasMessageContaining("invalid domain");
        assertThatThrownBy(() -> Suspension.reason("line\nbreak")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> Suspension.reason("\"quoted")).hasMessageContaining("quote");
        assertThatThrownBy(() -> Suspension.reason("x".repeat(201))).hasMessageContaining("200");
        assertThat(Suspension.reason("  ")).isEqualTo("suspended");
        assertThat(new Suspension("a.example", SINCE, null, "r", "bad user!").by()).isEqualTo("unknown");
        assertThatThrownBy(() -> new Suspension("a.example", SINCE, SINCE, "r", "x")).hasMessageContaining("end after");
    }

    @Test
    void expiredOnlyOncePastItsEnd() {
        Suspension s = new Suspension("a.example", SINCE, UNTIL, "r", "x");
        assertThat(s.expired(UNTIL.minusSeconds(1))).isFalse();
        assertThat(s.expired(UNTIL)).isTrue();
        assertThat(new Suspension("a.example", SINCE, null, "r", "x").expired(Instant.MAX)).isFalse();
    }
}
