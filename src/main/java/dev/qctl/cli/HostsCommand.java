package dev.qctl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.qctl.config.HostConfig;
import dev.qctl.config.QctlConfig;
import dev.qctl.config.ResolvedTarget;
import dev.qctl.output.OutputFormat;
import dev.qctl.output.PrettyJson;
import dev.qctl.output.TextTable;
import dev.qctl.output.TextTable.Cell;
import dev.qctl.output.TextTable.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code qctl hosts}: the hosts and groups of the config file; {@code check} and {@code trust} below it. */
@Command(name = "hosts", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        subcommands = {HostsCheckCommand.class, HostsTrustCommand.class, HostsSpoolReaderCommand.class,
                HostsQuarantineScriptCommand.class},
        description = "List the configured hosts and groups; 'hosts check' tests them, 'hosts trust HOST' records a host key.")
public final class HostsCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    OutputOptions output;

    @Mixin
    TargetOptions target;

    HostsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        FleetFactory factory = new FleetFactory(context, target);
        QctlConfig config = factory.config();
        List<ResolvedTarget> hosts = config.hosts().isEmpty() ? List.of() : factory.resolveAll(config);
        OutputFormat format = output.format(java.util.EnumSet.of(OutputFormat.TABLE, OutputFormat.WIDE,
                OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.YAML), "qctl hosts prints table, json, ndjson or yaml");
        switch (format) {
            case JSON, NDJSON, YAML -> writeData(config, hosts);
            default -> writeTables(config, hosts);
        }
        context.out().flush();
        return 0;
    }

    private void writeTables(QctlConfig config, List<ResolvedTarget> hosts) {
        if (hosts.isEmpty()) {
            context.err().println("qctl: no hosts configured" + (config.source() == null ? " (no config file found)"
                    : " in " + config.source()));
            return;
        }
        var terminal = output.terminal(context);
        boolean containers = hosts.stream().anyMatch(t -> t.container() != null);
        List<Column> columns = new ArrayList<>(List.of(Column.left("HOST"), Column.left("ADDRESS"),
                Column.right("PORT"), Column.left("USER"), Column.left("MTA"), Column.left("SUDO")));
        if (containers) {
            columns.add(Column.left("CONTAINER"));
        }
        TextTable table = new TextTable(context.out(), columns, terminal, !output.noHeaders);
        for (ResolvedTarget t : hosts) {
            HostConfig h = config.hosts().get(t.name());
            List<Cell> row = new ArrayList<>(List.of(Cell.of(t.isLocal() ? ResolvedTarget.LOCAL : t.ssh().host()),
                    Cell.of(t.isLocal() ? "" : Integer.toString(t.ssh().port())), Cell.of(t.isLocal() ? "" : t.ssh().user()),
                    Cell.of(h.mta() == null ? "auto" : h.mta().label()), Cell.of(Boolean.TRUE.equals(h.sudo()) ? "yes" : "no")));
            row.add(0, Cell.of(t.name()));
            if (containers) {
                row.add(Cell.of(t.container() == null ? "" : t.container().display()));
            }
            table.add(row);
        }
        table.finish();
        if (!config.groups().isEmpty()) {
            context.out().print('\n');
            TextTable groups = new TextTable(context.out(), List.of(Column.left("GROUP"), Column.left("MEMBERS").stretch()),
                    terminal, !output.noHeaders);
            config.groups().forEach((name, members) -> groups.add(List.of(Cell.of("@" + name),
                    Cell.of(String.join(", ", members)))));
            groups.finish();
        }
    }

    private void writeData(QctlConfig config, List<ResolvedTarget> hosts) {
        ObjectMapper mapper = output.format == OutputFormat.JSON ? PrettyJson.mapper()
                : output.format == OutputFormat.YAML ? new ObjectMapper(YAMLFactory.builder()
                        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()) : new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("hosts");
        for (ResolvedTarget t : hosts) {
            HostConfig h = config.hosts().get(t.name());
            ObjectNode o = list.addObject();
            o.put("name", t.name());
            if (t.isLocal()) {
                o.put("address", ResolvedTarget.LOCAL);
            } else {
                o.put("address", t.ssh().host());
                o.put("port", t.ssh().port());
                o.put("user", t.ssh().user());
            }
            o.put("mta", h.mta() == null ? "auto" : h.mta().label());
            o.put("sudo", Boolean.TRUE.equals(h.sudo()));
            if (t.container() != null) {
                o.put("container", t.container().display());
            }
        }
        ObjectNode groups = root.putObject("groups");
        for (Map.Entry<String, List<String>> g : config.groups().entrySet()) {
            ArrayNode members = groups.putArray(g.getKey());
            new ArrayList<>(g.getValue()).forEach(members::add);
        }
        try {
            context.out().print(mapper.writeValueAsString(root).stripTrailing() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
