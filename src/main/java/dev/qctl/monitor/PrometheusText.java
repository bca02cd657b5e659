package dev.qctl.monitor;

import dev.qctl.diagnose.Cause;
import dev.qctl.model.QueueName;
import dev.qctl.queue.QueueSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders host snapshots in the Prometheus text exposition format (version 0.0.4). Every queue of
 * every host that could be read gets explicit samples, zeros included, so an empty queue is
 * visible as such; the per-domain series are bounded by {@code top} plus one "other".
 */
public final class PrometheusText {
    private final int top;
    private final Instant now;

    public PrometheusText(int top, Instant now) {
        this.top = top;
        this.now = now;
    }

    public String render(List<HostSnapshot> hosts) {
        StringBuilder out = new StringBuilder();
        family(out, "qctl_queue_messages", "Messages in the queue, by queue.", hosts, (h, sb) -> {
            for (Map.Entry<QueueName, QueueSummary.Count> e : h.summary().queues().entrySet()) {
                sample(sb, "qctl_queue_messages", labels(h, "queue", e.getKey().label()), e.getValue().messages());
            }
        });
        family(out, "qctl_queue_size_bytes", "Total size of the messages in the queue, by queue.", hosts, (h, sb) -> {
            for (Map.Entry<QueueName, QueueSummary.Count> e : h.summary().queues().entrySet()) {
                sample(sb, "qctl_queue_size_bytes", labels(h, "queue", e.getKey().label()), e.getValue().bytes());
            }
        });
        family(out, "qctl_queue_oldest_message_age_seconds",
                "Age of the oldest message in the queue, by queue (0 when the queue is empty).", hosts, (h, sb) -> {
                for (Map.Entry<QueueName, QueueSummary.Count> e : h.summary().queues().entrySet()) {
                    Instant oldest = e.getValue().oldest();
                    long age = oldest == null ? 0 : Math.max(0, now.getEpochSecond() - oldest.getEpochSecond());
                    sample(sb, "qctl_queue_oldest_message_age_seconds", labels(h, "queue", e.getKey().label()), age);
                }
            });
        family(out, "qctl_queue_frozen_messages", "Frozen messages (Exim; always 0 on Postfix, whose held mail is queue=\"hold\").",
                hosts, (h, sb) -> sample(sb, "qctl_queue_frozen_messages", labels(h, null, null), h.summary().frozen()));
        family(out, "qctl_queue_domain_recipients",
                "Recipients not yet delivered, by recipient domain (the top domains; the rest summed as domain=\"other\").",
                hosts, (h, sb) -> domains(sb, h));
        family(out, "qctl_queue_deferred_recipients",
                "Deferred recipients by cause, as qctl diagnose classifies their delay reasons (every built-in cause, "
                        + "zeros included, and the causes of the config's rules that occur).",
                hosts, (h, sb) -> causes(sb, h));
        out.append("# HELP qctl_scrape_success Whether qctl could read the queue of the host (1) or not (0).\n");
        out.append("# TYPE qctl_scrape_success gauge\n");
        for (HostSnapshot h : hosts) {
            sample(out, "qctl_scrape_success", "{host=\"" + escape(h.host()) + "\"}", h.ok() ? 1 : 0);
        }
        out.append("# HELP qctl_scrape_duration_seconds How long reading the queue of the host took.\n");
        out.append("# TYPE qctl_scrape_duration_seconds gauge\n");
        for (HostSnapshot h : hosts) {
            out.append("qctl_scrape_duration_seconds{host=\"").append(escape(h.host())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.3f", h.took().toMillis() / 1000.0)).append('\n');
        }
        return out.toString();
    }

    private interface Samples {
        void write(HostSnapshot host, StringBuilder out);
    }

    private static void family(StringBuilder out, String name, String help, List<HostSnapshot> hosts, Samples samples) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (HostSnapshot h : hosts) {
            if (h.ok()) {
                samples.write(h, out);
            }
        }
    }

    private void domains(StringBuilder out, HostSnapshot h) {
        List<QueueSummary.ShapeRow> rows = h.summary().shape();
        long total = rows.isEmpty() ? 0 : rows.get(0).total();
        long shown = 0;
        for (QueueSummary.ShapeRow row : rows.subList(Math.min(1, rows.size()), Math.min(rows.size(), top + 1))) {
            sample(out, "qctl_queue_domain_recipients", labels(h, "domain", row.domain()), row.total());
            shown += row.total();
        }
        sample(out, "qctl_queue_domain_recipients", labels(h, "domain", "other"), total - shown);
    }

    private void causes(StringBuilder out, HostSnapshot h) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        Cause.BUILT_IN.forEach(c -> counts.put(c.name(), 0L));
        counts.putAll(h.summary().causes());
        counts.forEach((cause, n) -> sample(out, "qctl_queue_deferred_recipients", labels(h, "cause", cause), n));
    }

    private static String labels(HostSnapshot h, String key, String value) {
        String base = "host=\"" + escape(h.host()) + "\",mta=\"" + escape(h.mta()) + "\"";
        return "{" + base + (key == null ? "" : "," + key + "=\"" + escape(value) + "\"") + "}";
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    /** Label values escape backslash, double quote and newline. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

}
