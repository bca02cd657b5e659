package dev.qctl.monitor;

import dev.qctl.model.QueueName;
import dev.qctl.model.Durations;
import dev.qctl.queue.QueueSummary;
import java.time.Instant;
import java.util.Locale;

/**
 * What a check threshold is about: {@code total}, {@code deferred}, {@code hold}, {@code active},
 * {@code frozen}, {@code oldest-age} (seconds; thresholds take units: {@code 2h}) or
 * {@code domain:NAME} (recipients not yet delivered at that domain) or {@code cause:NAME} (deferred
 * recipients of that cause, as qctl diagnose classifies them).
 *
 * @param domain the domain or the cause a metric is about, else null
 */
public record CheckMetric(String name, String domain) {
    public static final CheckMetric TOTAL = new CheckMetric("total", null);

    public static CheckMetric parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("domain:")) {
            String domain = t.substring("domain:".length());
            if (!domain.matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("invalid domain in '" + text + "'");
            }
            return new CheckMetric("domain", domain);
        }
        if (t.startsWith("cause:")) {
            String cause = t.substring("cause:".length());
            if (!cause.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("invalid cause in '" + text + "' (such as cause:blocklisted)");
            }
            return new CheckMetric("cause", cause);
        }
        switch (t) {
            case "total":
            case "deferred":
            case "hold":
            case "active":
            case "frozen":
            case "oldest-age":
                return new CheckMetric(t, null);
            default:
                throw new IllegalArgumentException("unknown check metric '" + text
                        + "' (expected total, deferred, hold, active, frozen, oldest-age, domain:NAME or cause:NAME)");
        }
    }

    /** Numbers in thresholds: durations for oldest-age, plain counts otherwise. */
    public double parseBound(String bound) {
        if (name.equals("oldest-age")) {
            return Durations.parse(bound).getSeconds();
        }
        return Double.parseDouble(bound);
    }

    public long value(QueueSummary.Result summary, Instant now) {
        switch (name) {
            case "total":
                return summary.messages();
            case "deferred":
                return summary.queues().get(QueueName.DEFERRED).messages();
            case "hold":
                return summary.queues().get(QueueName.HOLD).messages();
            case "active":
                return summary.queues().get(QueueName.ACTIVE).messages();
            case "frozen":
                return summary.frozen();
            case "oldest-age":
                Instant oldest = summary.oldest();
                return oldest == null ? 0 : Math.max(0, now.getEpochSecond() - oldest.getEpochSecond());
            case "cause":
                return summary.recipientsWithCause(domain);
            default:
                return summary.recipientsAt(domain);
        }
    }

    /** The perfdata label: {@code oldest_age}, {@code domain_example.com}, {@code cause_blocklisted}. */
    public String label() {
        return domain != null ? name + "_" + domain : name.replace('-', '_');
    }

    public String unit() {
        return name.equals("oldest-age") ? "s" : "";
    }

    @Override
    public String toString() {
        return domain != null ? name + ":" + domain : name;
    }
}
