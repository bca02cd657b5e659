package dev.qctl.cli;

import dev.qctl.model.Action;
import dev.qctl.queue.Pacing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The action commands: each only names its action; {@link ActionCommand} does the rest. */
final class ActionCommands {
    private ActionCommands() {
    }

    @Command(name = "hold", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Put messages on hold (Postfix: postsuper -h; Exim: freeze, exim -Mf).")
    static final class Hold extends ActionCommand {
        Hold(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.HOLD;
        }
    }

    @Command(name = "release", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Release held messages (Postfix: postsuper -H; Exim: thaw, exim -Mt).")
    static final class Release extends ActionCommand {
        @Mixin
        PacingOptions paced;

        Release(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.RELEASE;
        }

        @Override
        Pacing pacing() {
            return paced.pacing();
        }
    }

    @Command(name = "requeue", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Requeue messages: Postfix re-reads them through pickup with a new queue ID (postsuper -r). "
                    + "Exim has no equivalent: use deliver.")
    static final class Requeue extends ActionCommand {
        @Mixin
        PacingOptions paced;

        Requeue(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.REQUEUE;
        }

        @Override
        Pacing pacing() {
            return paced.pacing();
        }
    }

    @Command(name = "deliver", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Try to deliver messages now (Postfix: postqueue -i; Exim: exim -M).")
    static final class Deliver extends ActionCommand {
        @Mixin
        PacingOptions paced;

        Deliver(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.DELIVER;
        }

        @Override
        Pacing pacing() {
            return paced.pacing();
        }
    }

    @Command(name = "bounce", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Return messages to their senders (Postfix 3.5+: postsuper -f; Exim: exim -Mg).")
    static final class Bounce extends ActionCommand {
        Bounce(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.BOUNCE;
        }
    }

    @Command(name = "delete", aliases = "rm", sortOptions = false, usageHelpAutoWidth = true,
            mixinStandardHelpOptions = true,
            description = "Delete messages without a bounce (Postfix: postsuper -d; Exim: exim -Mrm). With --quarantine "
                    + "they are kept on the target first, restorable with 'qctl restore'.")
    static final class Delete extends ActionCommand {
        @picocli.CommandLine.Option(names = "--quarantine", negatable = true,
                description = "Keep each message (content and envelope) in the target's quarantine before deleting it, "
                        + "under the audit run ID; restore with 'qctl restore --run RUN_ID' (default: off; "
                        + "on with QCTL_QUARANTINE=1 or 'actions: {quarantine: true}' in the config).")
        Boolean quarantine;

        @picocli.CommandLine.Mixin
        QuarantineOptions quarantineOptions;

        Delete(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.DELETE;
        }

        private boolean quarantines() {
            if (quarantine != null) {
                return quarantine; // --quarantine or --no-quarantine
            }
            String env = context.env().get("QCTL_QUARANTINE");
            if (env != null && !env.isEmpty()) {
                return "1".equals(env) || "true".equals(env);
            }
            return Boolean.TRUE.equals(target.config(context).actions().quarantine());
        }

        @Override
        dev.qctl.queue.ActionRequest request(Action action, dev.qctl.queue.Selection selection) {
            return new dev.qctl.queue.ActionRequest(action, selection, safety.dryRun, filterText(),
                    quarantines() ? quarantineOptions.settings(context, target.config(context).actions()) : null, pacing());
        }

        @Override
        public Integer call() {
            Integer code = super.call();
            if (safety.dryRun && quarantines()) {
                context.err().println("qctl: dry run: each message would first be kept in "
                        + quarantineOptions.settings(context, target.config(context).actions()).directory() + " on its host (restorable with 'qctl restore')");
            }
            return code;
        }

        private static boolean deletedAny(dev.qctl.queue.ActionReport report) {
            boolean[] any = {false};
            report.forEachRow(r -> any[0] |= r.outcome().isOk());
            return any[0];
        }

        @Override
        void print(dev.qctl.queue.ActionReport report, dev.qctl.output.Terminal terminal) {
            super.print(report, terminal);
            if (quarantines() && report.runId() != null && !safety.quiet && deletedAny(report)) {
                context.err().println("qctl: quarantined as run " + report.runId() + " in "
                        + quarantineOptions.settings(context, target.config(context).actions()).directory() + ": undo with 'qctl restore --run " + report.runId() + "'");
            }
        }
    }
}
