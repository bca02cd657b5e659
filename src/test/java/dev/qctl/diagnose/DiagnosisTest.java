package dev.qctl.diagnose;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qctl.model.Recipient;
import dev.qctl.model.RecipientStatus;
import dev.qctl.mta.QueueLifetime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
    private static final String REFUSED = "connect to mx.a.example[192.0.2.1]:25: Connection refused";
    private static final String QUOTA = "host mx.b.example[192.0.2.2] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)";
    private static final QueueLifetime FIVE_DAYS = new QueueLifetime(Duration.ofDays(5), Duration.ofDays(5),
            "maximal_queue_lifetime = 5d");

    private static Diagnosis diagnosis(QueueLifetime lifetime) {
        return new Diagnosis(RuleTable.builtIn(), Advice.local(), NOW, lifetime);
    }

    @Test
    void countsRecipientsAndMessagesPerCauseWithDomainsOldestAndExample() {
        Diagnosis d = diagnosis(null);
        d.add(message("A1").age(Duration.ofHours(3)).to("x@a.example", REFUSED).to("y@a.example", REFUSED)
                .to("z@b.example", QUOTA).build());
        d.add(message("A2").age(Duration.ofHours(1)).to("w@c.example",
                "delivery temporarily suspended: connect to mx.c.example[192.0.2.3]:25: Connection refused").build());
        d.add(message("A3").to("new@d.example").build()); // not tried yet

        Report r = d.report(5);
        assertThat(r.messages()).isEqualTo(3);
        assertThat(r.deferredMessages()).isEqualTo(2);
        assertThat(r.deferredRecipients()).isEqualTo(4);
        assertThat(r.untriedRecipients()).isEqualTo(1);
        assertThat(r.causes()).extracting(c -> c.cause().name()).containsExactly("destination-unreachable", "mailbox-full");

        Report.CauseReport unreachable = r.causes().get(0);
        assertThat(unreachable.recipients()).isEqualTo(3);
        assertThat(unreachable.messages()).isEqualTo(2);
        assertThat(unreachable.domains()).containsExactly(new Report.DomainCount("a.example", 2),
                new Report.DomainCount("c.example", 1));
        assertThat(unreachable.domainsExact()).isTrue();
        assertThat(unreachable.oldest()).isEqualTo(Duration.ofHours(3));
        assertThat(unreachable.example()).isEqualTo(REFUSED);
        assertThat(unreachable.rules()).isEqualTo(Map.of("text:connection", 3L));
        assertThat(unreachable.next().commands()).containsExactly("qctl flush --site a.example");

        Report.CauseReport full = r.causes().get(1);
        assertThat(full.messages()).isEqualTo(1);
        assertThat(full.recipients()).isEqualTo(1);
        assertThat(full.oldest()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void deliveredRecipientsAreNotCounted() {
        Diagnosis d = diagnosis(null);
        d.add(message("E1").to(new Recipient("done@a.example", RecipientStatus.DELIVERED, null))
                .to("x@a.example", REFUSED).build());
        Report r = d.report(5);
        assertThat(r.deferredRecipients()).isEqualTo(1);
        assertThat(r.untriedRecipients()).isZero();
    }

    @Test
    void topLimitsTheDomainsListed() {
        Diagnosis d = diagnosis(null);
        for (int i = 0; i < 8; i++) {
            d.add(message("M" + i).to("x@d" + i + ".example", REFUSED).build());
        }
        assertThat(d.report(3).causes().get(0).domains()).hasSize(3);
    }

    @Test
    void anEmptyQueueHasNoCausesAndNoSignals() {
        Report r = diagnosis(FIVE_DAYS).report(5);
        assertThat(r.causes()).isEmpty();
        assertThat(r.signals()).isEmpty();
        assertThat(r.deadline().oldest()).isNull();
    }

    @Test
    void bouncesPilingUpAreBackscatter() {
        Diagnosis d = diagnosis(null);
        for (int i = 0; i < 10; i++) {
            d.add(message("B" + i).bounce().to("forged" + i + "@victim.example", REFUSED).build());
        }
        for (int i = 0; i < 30; i++) {
            d.add(message("N" + i).sender("user" + i + "@example.org").to("x@a.example", REFUSED).build());
        }
        List<Signal> signals = d.report(5).signals();
        assertThat(signals).extracting(Signal::name).containsExactly("backscatter");
        assertThat(signals.get(0).count()).isEqualTo(10);
        assertThat(signals.get(0).next().commands()).containsExactly("qctl delete --bounces --older-than 1d");
        assertThat(signals.get(0).next().advice()).startsWith("10 of 40 messages (25%)");
    }

    @Test
    void fewBouncesOrASmallShareAreNoSignal() {
        Diagnosis few = diagnosis(null);
        for (int i = 0; i < 9; i++) {
            few.add(message("B" + i).bounce().to("x@a.example", REFUSED).build());
        }
        assertThat(few.report(5).signals()).isEmpty();

        Diagnosis diluted = diagnosis(null);
        for (int i = 0; i < 10; i++) {
            diluted.add(message("B" + i).bounce().to("x@a.example", REFUSED).build());
        }
        for (int i = 0; i < 41; i++) {
            diluted.add(message("N" + i).sender("u" + i + "@example.org").to("x@a.example", REFUSED).build());
        }
        assertThat(diluted.report(5).signals()).isEmpty();
    }

    @Test
    void oneSenderWithHalfTheQueueIsNamed() {
        Diagnosis d = diagnosis(null);
        for (int i = 0; i < 12; i++) {
            d.add(message("S" + i).sender("Runaway@Example.org").to("x" + i + "@a.example", REFUSED).build());
        }
        for (int i = 0; i < 12; i++) {
            d.add(message("O" + i).sender("u" + i + "@example.org").to("x@a.example", REFUSED).build());
        }
        List<Signal> signals = d.report(5).signals();
        assertThat(signals).extracting(Signal::name).containsExactly("dominant-sender");
        assertThat(signals.get(0).count()).isEqualTo(12);
        assertThat(signals.get(0).next().commands()).containsExactly("qctl hold --from runaway@example.org");
    }

    @Test
    void messagesNearTheDeadlineAreCountedWithTheWindow() {
        Diagnosis d = diagnosis(FIVE_DAYS);
        d.add(message("OLD1").age(Duration.ofDays(4).plusHours(1)).to("x@a.example", REFUSED).build());
        d.add(message("OLD2").age(Duration.ofDays(6)).to("x@a.example", REFUSED).build());
        d.add(message("YOUNG").age(Duration.ofDays(3)).to("x@a.example", REFUSED).build());
        Report r = d.report(5);
        assertThat(r.deadline().window()).isEqualTo(Duration.ofDays(1));
        assertThat(r.deadline().near()).isEqualTo(2);
        assertThat(r.deadline().oldest()).isEqualTo(Duration.ofDays(6));
        assertThat(r.signals()).extracting(Signal::name).containsExactly("near-deadline");
        assertThat(r.signals().get(0).next().commands()).containsExactly("qctl list --older-than 4d");
    }

    @Test
    void bouncesUseTheirOwnLifetimeAndShortLifetimesAShorterWindow() {
        QueueLifetime shortBounces = new QueueLifetime(Duration.ofDays(5), Duration.ofHours(10), "x");
        Diagnosis d = diagnosis(shortBounces);
        d.add(message("B").bounce().age(Duration.ofHours(9)).to("x@a.example", REFUSED).build());
        d.add(message("M").age(Duration.ofHours(9)).to("x@a.example", REFUSED).build());
        assertThat(d.report(5).deadline().near()).isEqualTo(1);

        Diagnosis hours = diagnosis(new QueueLifetime(Duration.ofHours(10), Duration.ofHours(10), "y"));
        hours.add(message("M").age(Duration.ofHours(7)).to("x@a.example", REFUSED).build());
        Report r = hours.report(5);
        assertThat(r.deadline().window()).isEqualTo(Duration.ofHours(2));
        assertThat(r.deadline().near()).isZero();
    }

    @Test
    void aLifetimeOfZeroHasNoDeadlineSignal() {
        Diagnosis d = diagnosis(new QueueLifetime(Duration.ZERO, Duration.ZERO, "maximal_queue_lifetime = 0"));
        d.add(message("M").to("x@a.example", REFUSED).build());
        Report r = d.report(5);
        assertThat(r.deadline()).isNull();
        assertThat(r.signals()).isEmpty();
    }
}
