package dev.qctl.monitor;

import static dev.qctl.model.TestMessages.NOW;
import static dev.qctl.model.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qctl.diagnose.RuleTable;
import dev.qctl.queue.QueueSummary;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deferred recipients by cause in the summary that check and metrics read. */
class CausesMonitoringTest {
    private static QueueSummary.Result summary() {
        RuleTable rules = RuleTable.builtIn();
        QueueSummary s = new QueueSummary(QueueSummary.ShapeBy.RECIPIENT_DOMAIN, NOW)
                .withCauses(reason -> rules.classify(reason).cause().name());
        s.add(message("A").to("x@a.example", "connect to a[192.0.2.1]:25: Connection refused")
                .to("y@b.example", "host b[192.0.2.2] said: 554 5.7.1 blocked using zen.spamhaus.org")
                .to("z@c.example").build());
        s.add(message("B").to("w@b.example", "host b[192.0.2.2] said: 554 5.7.1 blocked using zen.spamhaus.org").build());
        return s.result(10);
    }

    @Test
    void theSummaryCountsRecipientsPerCause() {
        QueueSummary.Result r = summary();
        assertThat(r.recipientsWithCause("blocklisted")).isEqualTo(2);
        assertThat(r.recipientsWithCause("destination-unreachable")).isEqualTo(1);
        assertThat(r.recipientsWithCause("tls")).isZero();
        assertThat(new QueueSummary(QueueSummary.ShapeBy.RECIPIENT_DOMAIN, NOW).result(10).causes()).isEmpty();
    }

    @Test
    void checkMetricsNameACause() {
        CheckMetric m = CheckMetric.parse("cause:Blocklisted");
        assertThat(m.toString()).isEqualTo("cause:blocklisted");
        assertThat(m.label()).isEqualTo("cause_blocklisted");
        assertThat(m.value(summary(), NOW)).isEqualTo(2);
        assertThat(CheckMetric.parse("domain:b.example").value(summary(), NOW)).isEqualTo(2);
        assertThatThrownBy(() -> CheckMetric.parse("cause:rm -rf")).hasMessageContaining("invalid cause");
    }

    @Test
    void metricsExportEveryBuiltInCauseWithZeros() {
        String text = new PrometheusText(10, NOW.plus(Duration.ofMinutes(1))).render(List.of(
                new HostSnapshot("mx1", "postfix", summary(), Duration.ofMillis(5), null)));
        assertThat(text).contains("# TYPE qctl_queue_deferred_recipients gauge",
                "qctl_queue_deferred_recipients{host=\"mx1\",mta=\"postfix\",cause=\"blocklisted\"} 2",
                "qctl_queue_deferred_recipients{host=\"mx1\",mta=\"postfix\",cause=\"destination-unreachable\"} 1",
                "qctl_queue_deferred_recipients{host=\"mx1\",mta=\"postfix\",cause=\"tls\"} 0",
                "qctl_queue_deferred_recipients{host=\"mx1\",mta=\"postfix\",cause=\"other\"} 0");
    }
}
