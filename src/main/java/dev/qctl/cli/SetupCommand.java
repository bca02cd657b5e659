package dev.qctl.cli;

import picocli.CommandLine.Command;

/** {@code qctl setup}: one-time integration steps on a host; only groups them. */
@Command(name = "setup", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "One-time changes to a host's MTA configuration that a qctl feature needs (shown first, "
                + "applied after confirmation, with a backup and a rollback).",
        subcommands = SetupSuspendCommand.class)
public final class SetupCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a step is needed, e.g. 'qctl setup suspend'");
    }
}
