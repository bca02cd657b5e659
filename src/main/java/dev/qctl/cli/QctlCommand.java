package dev.qctl.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code qctl} command: only groups the subcommands and the global options. */
@Command(name = "qctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Look after the mail queues of Postfix and Exim.",
        description = {
            "qctl lists, shows and summarizes queued mail with one record for both MTAs,",
            "in table, JSON, NDJSON, YAML, CSV or bare-ID output, and acts on it safely:",
            "by ID, by IDs on stdin or by filter, with --dry-run, confirmation and an audit log."
        },
        footerHeading = "%nExit codes:%n")
public final class QctlCommand implements Runnable {
    /**
     * The subcommands, in the order of the help. Not in the annotation: picocli would build the
     * model of every one of them on each start, most of qctl's start-up; {@link Cli} adds only the
     * one a command line names (all of them for help, completion and the generated files).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ListCommand.class, ShowCommand.class, LogCommand.class,
            SummaryCommand.class, DiagnoseCommand.class,
            ActionCommands.Hold.class, ActionCommands.Release.class, ActionCommands.Requeue.class,
            ActionCommands.Deliver.class, ActionCommands.Bounce.class, ActionCommands.Delete.class,
            RestoreCommand.class, QuarantineCommand.class,
            FlushCommand.class, SuspendCommand.class, ResumeCommand.class, SuspensionsCommand.class,
            EditCommand.class, CheckCommand.class, MetricsCommand.class, TuiCommand.class,
            HostsCommand.class, SetupCommand.class, CompletionCommand.class, CompleteCommand.class);

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is needed, e.g. 'qctl list'");
    }
}
