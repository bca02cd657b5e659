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
            description = "Delete messages without a bounce (Postfix: postsuper -d; Exim: exim -Mrm).")
    static final class Delete extends ActionCommand {
        Delete(CliContext context) {
            super(context);
        }

        @Override
        Action action() {
            return Action.DELETE;
        }
    }
}
