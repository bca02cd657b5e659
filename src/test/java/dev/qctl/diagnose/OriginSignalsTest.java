package dev.qctl.diagnose;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The dominant-account, -client and -subject signals of qctl diagnose. */
class OriginSignalsTest {
    private static final String REFUSED = "connect to mx.a.example[192.0.2.1]:25: Connection refused";

    private static Diagnosis diagnosis() {
        return new Diagnosis(RuleTable.builtIn(), Advice.local(), NOW, null);
    }

    @Test
    void oneAccountWithMuchOfTheQueueIsNamedWithTheCommandsToContainIt() {
        Diagnosis d = diagnosis();
        for (int i = 0; i < 12; i++) {
            d.add(message("S" + i).sender("random" + i + "@forged.example").submitted("mallory@qctl.test", "127.0.0.9",
                    "Win " + i).to("x" + i + "@a.example", REFUSED).build());
        }
        for (int i = 0; i < 8; i++) {
            d.add(message("O" + i).sender("o" + i + "@example.org").submitted(null, "127.0.0." + (20 + i), "hi " + i)
                    .to("y@a.example", REFUSED).build());
        }
        Report r = d.report(5);
        Signal account = r.signals().stream().filter(s -> s.name().equals("dominant-account")).findFirst().orElseThrow();
        assertThat(account.count()).isEqualTo(12);
        assertThat(account.text()).contains("mallory@qctl.test");
        assertThat(account.next().advice()).contains("12 of 20 messages (60%)");
        assertThat(account.next().commands()).containsExactly("qctl hold --auth-user mallory@qctl.test",
                "qctl delete --auth-user mallory@qctl.test --dry-run", "qctl delete --auth-user mallory@qctl.test");
        Signal client = r.signals().stream().filter(s -> s.name().equals("dominant-client")).findFirst().orElseThrow();
        assertThat(client.next().commands()).first().isEqualTo("qctl hold --client 127.0.0.9");
        assertThat(r.signals()).extracting(Signal::name).doesNotContain("dominant-subject", "dominant-sender");
    }

    @Test
    void unauthenticatedMailNamesNoAccountAndRecordsWithoutOriginGiveNoSignal() {
        Diagnosis d = diagnosis();
        for (int i = 0; i < 20; i++) {
            d.add(message("U" + i).submitted(null, null, "").to("x@a.example", REFUSED).build());
        }
        assertThat(d.report(5).signals()).extracting(Signal::name)
                .doesNotContain("dominant-account", "dominant-client", "dominant-subject");
        Diagnosis plain = diagnosis();
        for (int i = 0; i < 20; i++) {
            plain.add(message("P" + i).sender("p" + i + "@example.org").to("x@a.example", REFUSED).build());
        }
        assertThat(plain.report(5).signals()).isEmpty();
    }

    @Test
    void oneSubjectIsASpamRun() {
        Diagnosis d = diagnosis();
        for (int i = 0; i < 15; i++) {
            d.add(message("S" + i).sender("r" + i + "@x.example").submitted(null, "192.0.2." + i, "/Cheap pills/")
                    .to("x@a.example", REFUSED).build());
        }
        Signal subject = d.report(5).signals().stream().filter(s -> s.name().equals("dominant-subject")).findFirst()
                .orElseThrow();
        assertThat(subject.next().commands()).as("a glob of the subject, never taken for a /regex/")
                .isEqualTo(List.of("qctl hold --subject '*/Cheap pills/'", "qctl delete --subject '*/Cheap pills/' --dry-run",
                        "qctl delete --subject '*/Cheap pills/'"));
    }
}
