package dev.qctl.cli;

import dev.qctl.exec.Command;
import dev.qctl.model.Sanitizer;
import dev.qctl.mta.MessageEdit;
import dev.qctl.queue.ActionCallbacks;
import dev.qctl.queue.ActionService;
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

    @Option(names = "--no-audit", description = "Change the message without writing the audit log.")
    boolean noAudit;

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
            ActionService service = new ActionService(AuditLog.of(auditLog, context.env(), noAudit), context.clock());
            List<Command> commands = service.edit(host.name(), host.adapter(), id, edit, dryRun, new ActionCallbacks() {
                @Override
                public boolean confirm(dev.qctl.queue.ActionPreview preview) {
                    return true; // one message named by its ID: as the actions, no question
                }

                @Override
                public void warn(String message) {
                    context.warn(message);
                }
            });
            if (dryRun) {
                context.err().println("qctl: dry run: would run:");
                commands.forEach(c -> context.err().println("  " + Sanitizer.inline(c.display())));
                return 0;
            }
            context.err().println("qctl: edit: " + id + " changed");
            return 0;
        }
    }
}
