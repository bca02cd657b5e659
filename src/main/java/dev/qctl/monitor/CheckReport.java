package dev.qctl.monitor;

import dev.qctl.model.QueueName;
import dev.qctl.model.Sanitizer;
import dev.qctl.model.Durations;
import dev.qctl.queue.QueueSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns per-host queue summaries and the thresholds into what Nagios, Icinga and their kin read:
 * one status line, perfdata after {@code |}, then long output lines; and the state to exit with.
 */
public final class CheckReport {
    private final List<Threshold> warnings;
    private final List<Threshold> criticals;
    private final Instant now;

    public CheckReport(List<Threshold> warnings, List<Threshold> criticals, Instant now) {
        this.warnings = List.copyOf(warnings);
        this.criticals = List.copyOf(criticals);
        this.now = now;
    }

    /** The state and the text to print. */
    public record Outcome(CheckState state, String text) {
    }

    public Outcome evaluate(List<HostSnapshot> hosts) {
        CheckState state = CheckState.OK;
        List<String> parts = new ArrayList<>();
        List<String> perfdata = new ArrayList<>();
        List<String> details = new ArrayList<>();
        boolean several = hosts.size() > 1;
        for (HostSnapshot h : hosts) {
            if (h.error() != null) {
                state = state.worse(CheckState.UNKNOWN);
                parts.add(h.host() + ": " + Sanitizer.inline(h.error()).replace("|", "/"));
                continue;
            }
            CheckState hostState = CheckState.OK;
            List<String> alerts = new ArrayList<>();
            for (CheckMetric metric : metrics()) {
                long value = metric.value(h.summary(), now);
                CheckState metricState = stateOf(metric, value);
                if (metricState != CheckState.OK) {
                    alerts.add(metricState.name().toLowerCase() + ": " + metric + "=" + value + metric.unit());
                }
                hostState = hostState.worse(metricState);
                perfdata.add(perf(several ? h.host() + " " + metric.label() : metric.label(), value, metric));
            }
            state = state.worse(hostState);
            parts.add(h.host() + ": " + describe(h.summary()) + (alerts.isEmpty() ? "" : " [" + String.join(", ", alerts) + "]"));
            details.addAll(longOutput(h));
        }
        StringBuilder text = new StringBuilder("QUEUE ").append(state.name()).append(" - ")
                .append(String.join("; ", parts));
        if (!perfdata.isEmpty()) {
            text.append(" | ").append(String.join(" ", perfdata));
        }
        text.append('\n');
        details.forEach(d -> text.append(d).append('\n'));
        return new Outcome(state, text.toString());
    }

    /** The standard metrics, then any other metric a threshold names (domain:NAME, cause:NAME). */
    private Set<CheckMetric> metrics() {
        Set<CheckMetric> metrics = new LinkedHashSet<>();
        for (String name : List.of("total", "deferred", "hold", "active", "frozen", "oldest-age")) {
            metrics.add(CheckMetric.parse(name));
        }
        warnings.forEach(t -> metrics.add(t.metric()));
        criticals.forEach(t -> metrics.add(t.metric()));
        return metrics;
    }

    private CheckState stateOf(CheckMetric metric, long value) {
        for (Threshold t : criticals) {
            if (t.metric().equals(metric) && t.range().alerts(value)) {
                return CheckState.CRITICAL;
            }
        }
        for (Threshold t : warnings) {
            if (t.metric().equals(metric) && t.range().alerts(value)) {
                return CheckState.WARNING;
            }
        }
        return CheckState.OK;
    }

    private String perf(String label, long value, CheckMetric metric) {
        String quoted = label.matches("[A-Za-z0-9_.:-]+") ? label : "'" + label.replace("'", "") + "'";
        return quoted + "=" + value + metric.unit() + ";" + rangeText(warnings, metric) + ";"
                + rangeText(criticals, metric) + ";0";
    }

    private static String rangeText(List<Threshold> thresholds, CheckMetric metric) {
        return thresholds.stream().filter(t -> t.metric().equals(metric)).map(t -> t.range().perfText()).findFirst().orElse("");
    }

    private String describe(QueueSummary.Result s) {
        List<String> byQueue = new ArrayList<>();
        for (QueueName q : List.of(QueueName.ACTIVE, QueueName.DEFERRED, QueueName.HOLD, QueueName.INCOMING,
                QueueName.MAILDROP)) {
            long n = s.queues().get(q).messages();
            if (n > 0) {
                byQueue.add(q.label() + " " + n);
            }
        }
        String text = s.messages() + (s.messages() == 1 ? " message" : " messages");
        if (!byQueue.isEmpty()) {
            text += " (" + String.join(", ", byQueue) + (s.frozen() > 0 ? ", frozen " + s.frozen() : "") + ")";
        }
        Instant oldest = s.oldest();
        if (oldest != null) {
            text += ", oldest " + Durations.human(Duration.between(oldest, now));
        }
        return text;
    }

    private static List<String> longOutput(HostSnapshot h) {
        List<String> lines = new ArrayList<>();
        String domains = h.summary().shape().stream().skip(1).limit(5)
                .map(r -> Sanitizer.inline(r.domain()) + " " + r.total()).collect(Collectors.joining(", "));
        if (!domains.isEmpty()) {
            lines.add(h.host() + ": top domains: " + domains);
        }
        h.summary().reasons().stream().limit(5).forEach(r -> lines.add(h.host() + ": " + r.recipients()
                + (r.recipients() == 1 ? " recipient: " : " recipients: ") + Sanitizer.inline(r.reason()).replace("|", "/")));
        return lines;
    }
}
