package dev.qctl;

import dev.qctl.cli.CliContext;
import dev.qctl.cli.Cli;

/** The entry point of the {@code qctl} command. */
public final class Qctl {
    private Qctl() {
    }

    public static void main(String[] args) {
        CliContext context = CliContext.system();
        int exit = Cli.run(context, args);
        context.out().flush();
        System.exit(exit);
    }
}
