package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.Command;
import dev.qctl.model.ActionOutcome;
import dev.qctl.mta.MessageEdit;
import dev.qctl.mta.MtaAdapter;
import dev.qctl.queue.AuditLog;
import dev.qctl.queue.Fleet;
import dev.qctl.queue.HostTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qctl edit ID}: change one message's envelope on Exim (sender, added recipients, recipients
 * marked delivered). Postfix cannot do this; qctl says so instead of doing something else.
 */
@CommandLine.Command(name = "edit", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Edit one queued message's envelope (Exim: -Mes, -Mar, -Mmd, -Mmad; Postfix cannot).")
public final class EditCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "ID", description = "The queue ID.")
    String id;

    @Option(names = "--sender", paramLabel = "ADDRESS", description = "Set the envelope sender (\"\" for the null sender).")
    String sender;

    @Option(names = "--add-recipient", paramLabel = "ADDRESS", description = "Add a recipient (repeatable).")
    List<String> add = new ArrayList<>();

    @Option(names = "--mark-delivered", paramLabel = "ADDRESS", description = "Mark a recipient delivered (repeatable).")
    List<String> delivered = new ArrayList<>();

    @Option(names = "--mark-all-delivered", description = "Mark every recipient delivered: Exim then drops the message.")
    boolean allDelivered;

    @Option(names = {"-n", "--dry-run"}, description = "Print the commands that would run; change nothing.")
    boolean dryRun;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append the audit record here (see qctl delete).")
    java.nio.file.Path auditLog;

    @Mixin
    TargetOptions target;

    EditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        MessageEdit edit = new MessageEdit(sender, add, delivered, allDelivered);
        try (Fleet fleet = target.fleet(context)) {
            if (fleet.several()) {
                throw new IllegalArgumentException("edit works on one message on one host: give one -H");
            }
            HostTarget host = fleet.hosts().get(0);
            MtaAdapter adapter = host.adapter();
            adapter.idGrammar().require(id);
            List<Command> commands = adapter.editCommands(id, edit);
            if (adapter.find(id, context::warn).isEmpty()) {
                throw new QctlException(ExitCode.NOT_FOUND, "no message " + id + " in the "
                        + adapter.mta().displayName() + " queue");
            }
            if (dryRun) {
                context.err().println("qctl: dry run: would run:");
                commands.forEach(c -> context.err().println("  " + c.display()));
                return 0;
            }
            adapter.edit(id, edit);
            boolean root = "root".equals(System.getProperty("user.name"));
            try {
                new AuditLog(auditLog != null ? auditLog : AuditLog.defaultPath(context.env(), root)).append(
                        new AuditLog.Entry(context.clock().instant(), System.getProperty("user.name"), host.name(),
                                adapter.mta().label(), "edit", "ids", List.of(ActionOutcome.ok(id))));
            } catch (java.io.UncheckedIOException e) {
                context.warn(e.getMessage());
            }
            context.err().println("qctl: edit: " + id + " changed");
            return 0;
        }
    }
}
