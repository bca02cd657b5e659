package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.model.Sanitizer;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.HostTarget;
import dev.qctl.tui.FilterQuery;
import dev.qctl.tui.QueueBrowser;
import dev.qctl.tui.Target;
import dev.qctl.tui.TuiActions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qctl tui}: the full-screen queue browser, on one host or several at once. The filters
 * given here start the filter stack; actions go through the same code as the action commands
 * (capability check, audit log). Hosts that cannot be reached are named and left out, unless
 * none can be.
 */
@Command(name = "tui", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Browse the queue full-screen: filter, sort, open messages, mark and act on them.",
            "With several hosts (-H a,b, -H @group, --all-hosts) their messages show in one list, with a HOST column.",
            "Press ? inside for every key."})
public final class TuiCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    FilterOptions filters;

    @Mixin
    TargetOptions target;

    @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "5",
            description = "Re-read the queue every SECONDS (default: ${DEFAULT-VALUE}; p pauses it).")
    int refreshSeconds = 5;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append the audit record of actions here (default as for the action commands).")
    Path auditLog;

    TuiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (refreshSeconds < 1) {
            throw new IllegalArgumentException("--refresh must be at least 1 second");
        }
        if (!dev.qctl.output.Terminal.detect("never", context.env()).tty()) {
            throw new IllegalArgumentException("qctl tui needs a terminal (for scripts use qctl list)");
        }
        try (Fleet fleet = target.fleet(context)) {
            List<HostResult<Target>> reached = fleet.run((host, index) -> reach(host));
            List<Target> targets = reached.stream().filter(HostResult::ok).map(HostResult::value).toList();
            if (targets.isEmpty()) {
                throw new QctlException(ExitCode.UNAVAILABLE, "no host can be reached: " + String.join("; ",
                        reached.stream().map(r -> Sanitizer.inline(r.host()) + ": " + Sanitizer.inline(r.error())).toList()));
            }
            Map<String, String> failed = new LinkedHashMap<>();
            reached.stream().filter(r -> !r.ok()).forEach(r -> {
                HostErrors.print(context, r); // stays on the screen after the browser quits
                failed.put(r.host(), r.error());
            });
            browse(targets, reached.stream().map(HostResult::host).toList(), failed, fleet.parallel());
            // as for the other commands: some hosts could not be worked on
            return failed.isEmpty() ? ExitCode.OK.code() : ExitCode.PARTIAL.code();
        }
    }

    /**
     * Connects and runs the MTA once (its version, as {@code hosts check} does): a host that cannot
     * be reached fails here, before the screen switches. Not a listing cut short: over SSH, a
     * command's output closed before its end takes the whole connection down with it.
     */
    private static Target reach(HostTarget host) {
        MtaAdapter adapter = host.adapter();
        adapter.version();
        return new Target(host.name(), adapter);
    }

    private void browse(List<Target> targets, List<String> allHosts, Map<String, String> failed, int parallel) {
        AuditLog log = AuditLog.of(auditLog, context.env(), false);
        log.check(); // as the CLI: no acting without an audit log; said before the screen opens
        TuiActions actions = new TuiActions(targets, log, context.clock(), w -> { });
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("qctl").build()) {
            QueueBrowser browser = new QueueBrowser(terminal, targets, actions, context.clock(),
                    Duration.ofSeconds(refreshSeconds), parallel);
            if (!failed.isEmpty()) {
                browser.leftOut(allHosts, failed);
            }
            String initial = initialFilter();
            if (!initial.isEmpty()) {
                browser.startWith(FilterQuery.of(filters.filter(), initial));
            }
            browser.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command-line filters, written as the prompt takes them, so they show (and can be removed) in the TUI. */
    private String initialFilter() {
        StringBuilder sb = new StringBuilder();
        if (!filters.queues.isEmpty()) {
            sb.append("queue:").append(String.join(",", filters.queues.stream().map(q -> q.label()).toList())).append(' ');
        }
        append(sb, "from:", filters.from);
        append(sb, "to:", filters.to);
        append(sb, "reason:", filters.reason);
        if (filters.olderThan != null) {
            sb.append("age>").append(filters.olderThan.getSeconds()).append("s ");
        }
        if (filters.newerThan != null) {
            sb.append("age<").append(filters.newerThan.getSeconds()).append("s ");
        }
        if (filters.minSize != null) {
            sb.append("size>").append(filters.minSize).append(' ');
        }
        if (filters.maxSize != null) {
            sb.append("size<").append(filters.maxSize).append(' ');
        }
        if (filters.bounces) {
            sb.append("bounces ");
        }
        // shown as --cause: the prompt itself has no cause: key (its filters are parsed without the config)
        append(sb, "--cause ", filters.cause);
        return sb.toString().strip();
    }

    private static void append(StringBuilder sb, String key, Object pattern) {
        if (pattern != null) {
            String text = pattern.toString();
            sb.append(key).append(text.matches("\\S+") ? text : "\"" + text + "\"").append(' ');
        }
    }
}
