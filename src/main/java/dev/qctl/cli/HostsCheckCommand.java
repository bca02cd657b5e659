package dev.qctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.exec.container.ContainerException;
import dev.qctl.exec.container.ContainerScan;
import dev.qctl.exec.ssh.SshConnectionException;
import dev.qctl.model.Mta;
import dev.qctl.model.QueuedMessage;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.output.OutputFormat;
import dev.qctl.output.PrettyJson;
import dev.qctl.output.TextTable;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import dev.qctl.queue.HostTarget;
import dev.qctl.queue.SudoRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code qctl hosts check}: for each host, step by step, whether it is reachable, lets us in, has
 * an MTA (and which version), and lets us read the queue (sudo rules); the first thing to run.
 */
@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Connect to each host and report reachability, authentication, the MTA and its version, "
                + "and whether reading the queue is permitted. Exit 0 all fine, 3 some failed, 4 all failed.")
final class HostsCheckCommand implements Callable<Integer> {
    /**
     * How far one host got; the first step that failed carries the error. {@code containers}: the
     * machine's running containers that hold an MTA (only when the target is a machine, not a container).
     */
    record Check(String host, boolean reachable, boolean authenticated, String mta, String version,
                 boolean permitted, String error, String sudoMode, String quarantineMode, String sudoRule, boolean remote,
                 List<ContainerScan.Found> containers) {
        Check(String host, boolean reachable, boolean authenticated, String mta, String version, boolean permitted,
              String error) {
            this(host, reachable, authenticated, mta, version, permitted, error, "", "", null, false, List.of());
        }

        boolean ok() {
            return error == null;
        }

        Check withContainers(boolean remote, List<ContainerScan.Found> found) {
            return new Check(host, reachable, authenticated, mta, version, permitted, error, sudoMode, quarantineMode, sudoRule,
                    remote, found);
        }
    }

    private final CliContext context;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    HostsCheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Check> checks;
        try (Fleet fleet = target.fleet(context)) {
            checks = fleet.run((host, index) -> check(host)).stream()
                    .map(r -> r.ok() ? r.value() : new Check(r.host(), false, false, "", "", false, r.error())).toList();
        }
        write(checks);
        for (Check c : checks) {
            if (c.sudoMode().equals(SudoRules.Mode.SHELL.label())) {
                context.err().println("qctl: " + c.host() + ": its sudoers rule must allow /bin/sh for Exim's spool reader, "
                        + "which is root for the sudo user; to pin it, install the reader (qctl hosts spool-reader > FILE, "
                        + "owned by root) and set exim_spool_reader: FILE for the host");
            }
            if (c.quarantineMode().equals(SudoRules.Mode.SHELL.label())) {
                context.err().println("qctl: " + c.host() + ": delete --quarantine, restore and quarantine need /bin/sh in its "
                        + "sudoers rule (root-equivalent); to pin them, install the script (qctl hosts quarantine-script > FILE, "
                        + "owned by root) and set quarantine_script: FILE for the host");
            }
        }
        List<HostResult<Check>> asResults = checks.stream().map(c -> c.ok() ? HostResult.ok(c.host(), c)
                : HostResult.<Check>failed(c.host(), c.error(), null)).toList();
        return Fleet.exitCode(asResults).code();
    }

    private Check check(HostTarget host) {
        Check check = checkMta(host);
        if (host.container() != null || !check.reachable() || !check.authenticated()) {
            return check;
        }
        return check.withContainers(host.remote(), ContainerScan.scan(host.machine()));
    }

    /** The -H (or config line) that reaches a container found on this host. */
    static String use(Check c, ContainerScan.Found f) {
        return c.remote() ? "container: " + f.container().display() + " (config of " + c.host() + ")"
                : "-H " + f.container().display();
    }

    private Check checkMta(HostTarget host) {
        try {
            host.connect();
        } catch (SshConnectionException e) {
            boolean reachable = e.reason() != SshConnectionException.Reason.UNREACHABLE;
            return new Check(host.name(), reachable, false, "", "", false, e.getMessage());
        } catch (RuntimeException e) {
            return new Check(host.name(), false, false, "", "", false, e.getMessage());
        }
        try {
            host.adapter();
        } catch (ContainerException e) {
            // The runtime answered for the container: a refusal is "not let in", the rest "not reachable".
            boolean refused = e.permissionDenied();
            return new Check(host.name(), refused, false, "", "", false, host.explain(e).getMessage());
        } catch (RuntimeException e) {
            // reported below, with what the adapter got to
        }
        String mta = "";
        String version = "";
        try {
            MtaAdapter adapter = host.adapter();
            mta = adapter.mta().label();
            version = adapter.version();
            try (Stream<QueuedMessage> queue = adapter.list(w -> { })) {
                queue.findFirst(); // one record proves the listing command is permitted
            }
            return withSudo(host, adapter.mta(), new Check(host.name(), true, true, mta, version, true, null));
        } catch (RuntimeException e) {
            Check failed = new Check(host.name(), true, true, mta, version, false, host.explain(e).getMessage());
            return mta.isEmpty() ? failed : withSudo(host, host.adapter().mta(), failed);
        }
    }

    /** Which sudo mode the host is in, and the narrowest rule for it (none without sudo). */
    private static Check withSudo(HostTarget host, Mta mta, Check c) {
        if (!host.sudo()) {
            return new Check(c.host(), c.reachable(), c.authenticated(), c.mta(), c.version(), c.permitted(), c.error(),
                    "none", "", null, c.remote(), c.containers());
        }
        return new Check(c.host(), c.reachable(), c.authenticated(), c.mta(), c.version(), c.permitted(), c.error(),
                host.sudoMode(mta).label(), host.quarantineSudoMode(mta).label(), host.sudoRule(mta), c.remote(), c.containers());
    }

    private void write(List<Check> checks) {
        if (output.format == OutputFormat.JSON || output.format == OutputFormat.NDJSON || output.format == OutputFormat.YAML) {
            writeData(checks);
            return;
        }
        TextTable table = new TextTable(context.out(), List.of(Column.left("HOST"), Column.left("REACHABLE"),
                Column.left("AUTH"), Column.left("MTA"), Column.left("VERSION"), Column.left("QUEUE"), Column.left("SUDO"),
                Column.left("PROBLEM").stretch()), output.terminal(context), !output.noHeaders);
        for (Check c : checks) {
            table.add(List.of(Cell.of(c.host()), Cell.of(yesNo(c.reachable())), Cell.of(yesNo(c.authenticated())),
                    Cell.of(c.mta()), Cell.of(c.version()), Cell.of(c.permitted() ? "readable" : "no"),
                    Cell.of(sudoCell(c)), Cell.of(c.error() == null ? "" : c.error())));
        }
        table.finish();
        if (checks.stream().anyMatch(c -> !c.containers().isEmpty())) {
            context.out().print('\n');
            TextTable found = new TextTable(context.out(), List.of(Column.left("HOST"), Column.left("CONTAINER"),
                    Column.left("IMAGE"), Column.left("MTA"), Column.left("FOUND-BY"), Column.left("USE").stretch()),
                    output.terminal(context), !output.noHeaders);
            for (Check c : checks) {
                for (ContainerScan.Found f : c.containers()) {
                    found.add(List.of(Cell.of(c.host()), Cell.of(f.container().display()), Cell.of(f.image()),
                            Cell.of(f.mta().label()), Cell.of(f.foundBy()), Cell.of(use(c, f))));
                }
            }
            found.finish();
        }
        context.out().flush();
    }

    private void writeData(List<Check> checks) {
        ObjectMapper mapper = output.format == OutputFormat.JSON ? PrettyJson.mapper()
                : output.format == OutputFormat.YAML ? new ObjectMapper(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()) : new ObjectMapper();
        ArrayNode list = mapper.createArrayNode();
        for (Check c : checks) {
            ObjectNode o = list.addObject();
            o.put("host", c.host());
            o.put("reachable", c.reachable());
            o.put("authenticated", c.authenticated());
            o.put("mta", c.mta());
            o.put("version", c.version());
            o.put("queue_readable", c.permitted());
            if (!c.sudoMode().isEmpty()) {
                o.put("sudo_mode", c.sudoMode());
            }
            if (!c.quarantineMode().isEmpty()) {
                o.put("sudo_quarantine_mode", c.quarantineMode());
            }
            if (c.sudoRule() != null) {
                o.put("sudo_rule", c.sudoRule());
            }
            if (c.error() != null) {
                o.put("error", c.error());
            }
            if (!c.containers().isEmpty()) {
                ArrayNode containers = o.putArray("containers");
                for (ContainerScan.Found f : c.containers()) {
                    ObjectNode fo = containers.addObject();
                    fo.put("container", f.container().display());
                    fo.put("image", f.image());
                    fo.put("mta", f.mta().label());
                    fo.put("found_by", f.foundBy());
                    fo.put("use", use(c, f));
                }
            }
        }
        try {
            context.out().print(mapper.writeValueAsString(list).stripTrailing() + "\n");
            context.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The queue's sudo mode, and the quarantine's where it differs ({@code pinned, quarantine: shell (root-equivalent)}). */
    static String sudoCell(Check c) {
        if (c.sudoMode().isEmpty()) {
            return "-";
        }
        return c.quarantineMode().isEmpty() || c.quarantineMode().equals(c.sudoMode()) ? c.sudoMode()
                : c.sudoMode() + ", quarantine: " + c.quarantineMode();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
