package dev.qctl.output;

import dev.qctl.model.Sanitizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.diagnose.NextStep;
import dev.qctl.diagnose.Report;
import dev.qctl.diagnose.Report.CauseReport;
import dev.qctl.diagnose.Report.DomainCount;
import dev.qctl.diagnose.Signal;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.model.Durations;
import dev.qctl.queue.HostResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a diagnosis: for people a table of causes, then per cause its example reason and next
 * step, then the signals and the bounce deadline; for scripts one JSON/YAML document with the same
 * content (schema in the README), or one CSV row per cause.
 */
public final class DiagnosisWriter {
    private static final int TEXT_WIDTH = 100;
    private static final String INDENT = "  ";
    private static final String LABEL = "%-9s";

    private final PrintStream out;
    private final Terminal terminal;
    private final boolean headers;

    public DiagnosisWriter(PrintStream out, Terminal terminal, boolean headers) {
        this.out = out;
        this.terminal = terminal;
        this.headers = headers;
    }

    public void write(Report report, OutputFormat format) {
        switch (format) {
            case JSON, NDJSON, YAML -> Documents.print(out, format, toData(report));
            case CSV -> writeCsv(List.of(HostResult.ok("", report)), false);
            case IDS -> throw noIds();
            default -> writeText(report);
        }
        out.flush();
    }

    /** Several hosts: each host's diagnosis (or its error) in host order, then all hosts together. */
    public void writeHosts(List<HostResult<Report>> hosts, Report total, OutputFormat format) {
        switch (format) {
            case JSON, NDJSON, YAML -> Documents.print(out, format,
                    Documents.perHost(hosts, "diagnosis", this::toData, toData(total)));
            case CSV -> writeCsv(hosts, true);
            case IDS -> throw noIds();
            default -> Documents.perHostText(out, hosts, this::writeText, () -> writeText(total));
        }
        out.flush();
    }

    private static IllegalArgumentException noIds() {
        return new IllegalArgumentException("diagnose has no IDs to print: use -o table, json, ndjson, yaml or csv "
                + "(for the IDs of one cause: qctl list --reason PATTERN -o ids)");
    }

    ObjectNode toData(Report r) {
        ObjectNode root = Documents.object();
        root.put("messages", r.messages());
        root.put("deferred_messages", r.deferredMessages());
        root.put("deferred_recipients", r.deferredRecipients());
        root.put("untried_recipients", r.untriedRecipients());
        ArrayNode causes = root.putArray("causes");
        for (CauseReport c : r.causes()) {
            ObjectNode o = causes.addObject();
            o.put("cause", c.cause().name());
            o.put("meaning", c.cause().meaning());
            o.put("messages", c.messages());
            o.put("recipients", c.recipients());
            ArrayNode domains = o.putArray("domains");
            for (DomainCount d : c.domains()) {
                domains.addObject().put("domain", d.domain()).put("recipients", d.recipients());
            }
            o.put("domains_exact", c.domainsExact());
            o.put("oldest_seconds", c.oldest().getSeconds());
            o.put("example", c.example());
            ObjectNode rules = o.putObject("rules");
            c.rules().forEach(rules::put);
            o.set("next_step", step(c.next()));
        }
        ArrayNode signals = root.putArray("signals");
        for (Signal s : r.signals()) {
            ObjectNode o = signals.addObject();
            o.put("signal", s.name());
            o.put("messages", s.count());
            o.put("summary", s.text());
            o.set("next_step", step(s.next()));
        }
        if (r.deadline() == null) {
            root.putNull("deadline");
        } else {
            Report.Deadline d = r.deadline();
            ObjectNode o = root.putObject("deadline");
            o.put("setting", d.lifetime().setting());
            o.put("lifetime_seconds", d.lifetime().messages().getSeconds());
            o.put("bounce_lifetime_seconds", d.lifetime().bounces().getSeconds());
            if (d.oldest() == null) {
                o.putNull("oldest_seconds");
            } else {
                o.put("oldest_seconds", d.oldest().getSeconds());
            }
            o.put("window_seconds", d.window().getSeconds());
            o.put("near", d.near());
        }
        return root;
    }

    private ObjectNode step(NextStep step) {
        ObjectNode o = Documents.object();
        o.put("advice", step.advice());
        ArrayNode commands = o.putArray("commands");
        step.commands().forEach(commands::add);
        return o;
    }

    private void writeCsv(List<HostResult<Report>> hosts, boolean withHost) {
        if (headers) {
            List<String> header = new ArrayList<>(List.of("cause", "messages", "recipients", "oldest_seconds",
                    "top_domain", "example"));
            if (withHost) {
                header.add(0, "host");
            }
            out.print(Csv.line(header));
        }
        for (HostResult<Report> h : hosts) {
            if (!h.ok()) {
                continue;
            }
            for (CauseReport c : h.value().causes()) {
                List<String> row = new ArrayList<>(List.of(c.cause().name(), Long.toString(c.messages()),
                        Long.toString(c.recipients()), Long.toString(c.oldest().getSeconds()),
                        c.domains().isEmpty() ? "" : c.domains().get(0).domain(), c.example()));
                if (withHost) {
                    row.add(0, h.host());
                }
                out.print(Csv.line(row));
            }
        }
    }

    private void writeText(Report r) {
        if (r.deferredRecipients() == 0) {
            out.print("No deferred recipients: nothing is waiting on a failed delivery (" + count(r.messages(), "message")
                    + " looked at" + (r.untriedRecipients() > 0 ? ", " + count(r.untriedRecipients(), "recipient")
                    + " not tried yet" : "") + ").\n");
        } else {
            TextTable table = new TextTable(out, List.of(Column.left("CAUSE"), Column.right("RCPTS"),
                    Column.right("MSGS"), Column.right("OLDEST"), Column.left("DOMAINS").stretch()), terminal, headers);
            for (CauseReport c : r.causes()) {
                table.add(List.of(new Cell(c.cause().name(), style(c)), Cell.of(Long.toString(c.recipients())),
                        Cell.of(Long.toString(c.messages())), Cell.of(Durations.human(c.oldest())),
                        Cell.of(domains(c))));
            }
            table.finish();
            out.print('\n');
            out.print(count(r.deferredRecipients(), "deferred recipient") + " in " + r.deferredMessages() + " of "
                    + count(r.messages(), "message") + (r.untriedRecipients() > 0 ? "; "
                    + count(r.untriedRecipients(), "recipient") + " not tried yet" : "") + ".\n");
        }
        if (r.deadline() != null) {
            out.print(deadline(r.deadline()) + "\n");
        }
        for (CauseReport c : r.causes()) {
            out.print('\n');
            out.print(bold(Sanitizer.inline(c.cause().name())) + ": " + Sanitizer.inline(c.cause().meaning()) + "\n");
            labelled("example", Sanitizer.inline(c.example()));
            labelled("next", Sanitizer.inline(c.next().advice()));
            c.next().commands().forEach(this::command);
        }
        if (!r.signals().isEmpty()) {
            out.print('\n');
            out.print(bold("Signals") + "\n");
            for (Signal s : r.signals()) {
                labelled(s.name(), Sanitizer.inline(s.next().advice()));
                s.next().commands().forEach(this::command);
            }
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private String deadline(Report.Deadline d) {
        StringBuilder sb = new StringBuilder("Bounce deadline: " + Sanitizer.inline(d.lifetime().setting())); // postconf / exim -brt text
        if (d.oldest() != null) {
            Duration left = d.lifetime().messages().minus(d.oldest());
            sb.append("; oldest message ").append(Durations.human(d.oldest())).append(" old")
                    .append(left.isNegative() ? " (past it)" : " (" + daysAndHours(left) + " left)");
        }
        return sb.append('.').toString();
    }

    /** Time left to a deadline of days: {@code 4d23h}, not a rounded-down {@code 4d}. */
    static String daysAndHours(Duration d) {
        if (d.toDays() == 0 || d.toHoursPart() == 0) {
            return Durations.human(d);
        }
        return d.toDays() + "d" + d.toHoursPart() + "h";
    }

    private String domains(CauseReport c) {
        String list = c.domains().stream().limit(3).map(d -> d.domain() + " (" + d.recipients() + ")")
                .collect(Collectors.joining(", "));
        return c.domains().size() > 3 ? list + ", …" : list;
    }

    private void labelled(String label, String text) {
        String first = INDENT + String.format(LABEL, label + ":") + " ";
        List<String> lines = wrap(text, width() - first.length());
        for (int i = 0; i < lines.size(); i++) {
            out.print((i == 0 ? first : " ".repeat(first.length())) + lines.get(i) + "\n");
        }
    }

    private void command(String command) {
        out.print(" ".repeat(INDENT.length() + 10) + "$ " + Sanitizer.inline(command) + "\n");
    }

    private int width() {
        int w = terminal.width() > 0 ? terminal.width() : TEXT_WIDTH;
        return Math.max(40, Math.min(w, TEXT_WIDTH + 20));
    }

    /** Word wrap; a word longer than the width (a URL in a reason) gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private String style(CauseReport c) {
        if (!terminal.color()) {
            return null;
        }
        return switch (c.cause().name()) {
            case "greylisted", "rate-limited" -> Ansi.YELLOW;
            case "other" -> null;
            default -> Ansi.RED;
        };
    }

    private String bold(String text) {
        return terminal.color() ? Ansi.BOLD + text + Ansi.RESET : text;
    }
}
