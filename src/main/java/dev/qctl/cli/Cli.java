package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.exec.ExecException;
import dev.qctl.model.Sanitizer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Wires the picocli command line in one place: the factory that hands commands their context, and
 * the mapping of every failure to one line on stderr and a documented exit code. Stack traces
 * only with {@code --debug}.
 */
public final class Cli {
    private Cli() {
    }

    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new QctlCommand(), new CommandFactory(context));
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // The exit codes of --help come from the one table the README and the man pages use too.
        cl.getCommandSpec().usageMessage().footer(java.util.Arrays.stream(ExitCode.values())
                .map(c -> String.format("  %d  %s", c.code(), c.meaning())).toArray(String[]::new));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(context, e, debug(parseResult)));
        cl.setParameterExceptionHandler((e, args) -> {
            if (e.getCommandLine().getCommand() instanceof CheckCommand) {
                // A monitoring plugin with bad arguments is UNKNOWN (3), never CRITICAL (2).
                context.out().println("QUEUE UNKNOWN - " + Sanitizer.inline(e.getMessage()));
                context.out().flush();
                return 3;
            }
            PrintWriter err = e.getCommandLine().getErr();
            err.println("qctl: " + Sanitizer.inline(e.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            err.flush();
            return ExitCode.USAGE.code();
        });
        return cl;
    }

    /**
     * Runs one command line. Only here do the config's defaults become option defaults: the model
     * that generates the man pages and completion must not depend on the machine's config.
     */
    public static int run(CliContext context, String... args) {
        CommandLine cl = commandLine(context);
        cl.setDefaultValueProvider(new ConfiguredDefaults(context, Arrays.asList(args)));
        return cl.execute(args);
    }

    private static boolean debug(CommandLine.ParseResult parseResult) {
        return parseResult != null && Arrays.asList(parseResult.originalArgs().toArray(new String[0])).contains("--debug");
    }

    static int report(CliContext context, Exception e, boolean debug) {
        if (debug) {
            e.printStackTrace(context.err());
        }
        ExitCode code;
        String message;
        if (e instanceof QctlException) {
            code = ((QctlException) e).exitCode();
            message = e.getMessage();
        } else if (e instanceof IllegalArgumentException) {
            code = ExitCode.USAGE;
            message = e.getMessage();
        } else if (e instanceof ExecException x) {
            code = x.permissionDenied() ? ExitCode.PERMISSION : ExitCode.UNAVAILABLE;
            message = e.getMessage();
        } else if (e instanceof UncheckedIOException && isBrokenPipe(e)) {
            return ExitCode.OK.code(); // the reader (head, less) went away: not an error
        } else {
            code = ExitCode.ERROR;
            message = "internal error: " + e + (debug ? "" : " (run with --debug for details)");
        }
        context.out().flush();
        context.err().println("qctl: " + Sanitizer.inline(message));
        context.err().flush();
        return code.code();
    }

    private static boolean isBrokenPipe(Exception e) {
        String m = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        return m.contains("Broken pipe") || m.contains("Stream closed");
    }
}
