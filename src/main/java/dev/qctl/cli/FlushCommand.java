package dev.qctl.cli;

import dev.qctl.exec.Command;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qctl flush}: retry delivery of the whole queue now, or of one destination domain. */
@CommandLine.Command(name = "flush", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Retry delivery of the whole queue now (Postfix: postqueue -f; Exim: exim -qff), "
                + "or of one destination with --site (postqueue -s; exim -Rff).")
public final class FlushCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--site", paramLabel = "DOMAIN", description = "Only messages for this destination domain.")
    String site;

    @Option(names = {"-n", "--dry-run"}, description = "Print the command that would run; run nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Mixin
    PacingOptions paced;

    @Option(names = {"-y", "--yes"}, description = "With --rate or --batch: do not ask for confirmation.")
    boolean yes;

    @Mixin
    TargetOptions target;

    FlushCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (site != null && !site.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f.:]+\\]")) {
            throw new IllegalArgumentException("invalid --site '" + site + "': give a domain name such as example.com");
        }
        if (paced.given()) {
            return pacedFlush();
        }
        try (Fleet fleet = target.fleet(context)) {
            List<HostResult<Object>> results = fleet.run((host, index) -> {
                flush(host.adapter(), fleet.several() ? host.name() + ": " : "");
                return null;
            }, result -> HostErrors.print(context, result));
            return fleet.several() ? Fleet.exitCode(results).code() : 0;
        }
    }

    /**
     * A paced flush is a paced deliver of what a flush would retry: every message not on hold (for
     * --site: with a recipient there), through the act path with its confirmation, progress and audit.
     */
    private int pacedFlush() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("deliver", "--queue", "maildrop,incoming,active,deferred"));
        if (site != null) {
            args.addAll(java.util.List.of("--to", "*@" + site));
        }
        if (paced.rate != null) {
            args.addAll(java.util.List.of("--rate", paced.rate));
        }
        if (paced.batch != null) {
            args.addAll(java.util.List.of("--batch", Integer.toString(paced.batch)));
        }
        if (paced.pause != null) {
            args.addAll(java.util.List.of("--pause", paced.pause.toSeconds() + "s"));
        }
        args.addAll(target.followUpWords(null));
        if (target.parallel != null) {
            args.addAll(java.util.List.of("--parallel", target.parallel.toString()));
        }
        if (target.connectTimeout != null) {
            args.addAll(java.util.List.of("--connect-timeout", target.connectTimeout.toSeconds() + "s"));
        }
        if (target.commandTimeout != null) {
            args.addAll(java.util.List.of("--command-timeout", target.commandTimeout.toSeconds() + "s"));
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        if (quiet) {
            args.add("--quiet");
        }
        if (yes) {
            args.add("--yes");
        }
        return Cli.run(context, args.toArray(new String[0]));
    }

    /** @param where the host prefix of the messages ("" for a single host) */
    private void flush(MtaAdapter adapter, String where) {
        Command command = adapter.flushCommand(site);
        if (dryRun) {
            context.err().println("qctl: dry run: " + where + "would run: " + command.display());
            return;
        }
        adapter.flush(site);
        if (!quiet) {
            context.err().println("qctl: flush: " + where + "asked " + adapter.mta().displayName() + " to retry "
                    + (site == null ? "the whole queue" : "mail for " + site));
        }
    }
}
