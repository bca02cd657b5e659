package dev.qctl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The safety options every action shares. */
public final class ActionOptions {
    @Option(names = {"-n", "--dry-run"},
            description = "Print the messages that would be affected and the commands that would run; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal for a filter or --all).")
    boolean yes;

    @Option(names = "--all", description = "Act on every message in the queue (needed when no ID and no filter is given).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors (for cron); the exit code tells the outcome.")
    boolean quiet;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append the audit record here (default: /var/log/qctl/audit.log as root, "
                    + "else ~/.local/state/qctl/audit.log; or $QCTL_AUDIT_LOG).")
    Path auditLog;

    @Option(names = "--no-audit",
            description = "Act without writing the audit log (qctl otherwise refuses to act when the log cannot be written).")
    boolean noAudit;
}
