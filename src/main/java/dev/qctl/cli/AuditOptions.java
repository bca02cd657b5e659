package dev.qctl.cli;

import dev.qctl.queue.AuditLog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a change that is not an action on messages (suspend, resume) is audited. */
public final class AuditOptions {
    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append the audit record here (default: /var/log/qctl/audit.log as root, "
                    + "else ~/.local/state/qctl/audit.log; or $QCTL_AUDIT_LOG).")
    Path auditLog;

    @Option(names = "--no-audit",
            description = "Change without writing the audit log (qctl otherwise refuses when the log cannot be written).")
    boolean noAudit;

    AuditLog log(CliContext context) {
        return AuditLog.of(auditLog, context.env(), noAudit);
    }
}
