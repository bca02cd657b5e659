package dev.qctl;

import dev.qctl.cli.CliContext;
import dev.qctl.cli.Cli;

/** The entry point of the {@code qctl} command. */
public final class Qctl {
    private Qctl() {
    }

    public static void main(String[] args) {
        CliContext context = CliContext.system();
        int exit;
        try {
            exit = Cli.run(context, args);
        } catch (OutOfMemoryError e) {
            // Errors pass through picocli's handlers: one line and an exit code all the same.
            exit = Cli.report(context, e, java.util.Arrays.asList(args).contains("--debug"));
        }
        context.out().flush();
        if (Boolean.getBoolean(CdsTraining.PROPERTY)) {
            CdsTraining.loadAll();
        }
        System.exit(exit);
    }
}
