package dev.qctl.cli;

import dev.qctl.exec.Command;
import dev.qctl.mta.MtaAdapter;
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
    TargetOptions target;

    FlushCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (site != null && !site.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f.:]+\\]")) {
            throw new IllegalArgumentException("invalid --site '" + site + "': give a domain name such as example.com");
        }
        MtaAdapter adapter = target.open(context.clock());
        Command command = adapter.flushCommand(site);
        if (dryRun) {
            context.err().println("qctl: dry run: would run: " + command.display());
            return 0;
        }
        adapter.flush(site);
        if (quiet) {
            return 0;
        }
        context.err().println("qctl: flush: asked " + adapter.mta().displayName() + " to retry "
                + (site == null ? "the whole queue" : "mail for " + site));
        return 0;
    }
}
