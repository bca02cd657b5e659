package dev.qctl.cli;

import dev.qctl.ExitCode;
import dev.qctl.QctlException;
import dev.qctl.model.Sanitizer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Wires the picocli command line in one place: the factory that hands commands their context, and
 * the mapping of every failure to one line on stderr and a documented exit code. Stack traces
 * only with {@code --debug}.
 */
public final class Cli {
    static {
        // picocli's default factory otherwise looks for Groovy's Closure class at its first use:
        // a search of every jar on the class path that the AppCDS archive cannot spare (20 ms).
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
    }

    private Cli() {
    }

    /** The whole command line, every subcommand (help, completion scripts, man pages). */
    public static CommandLine commandLine(CliContext context) {
        return commandLine(context, QctlCommand.SUBCOMMANDS);
    }

    /** The command line with only the subcommand these arguments run, when they name one. */
    static CommandLine commandLine(CliContext context, String... args) {
        return commandLine(context, Subcommands.needed(QctlCommand.SUBCOMMANDS, args));
    }

    private static CommandLine commandLine(CliContext context, List<Class<?>> subcommands) {
        CommandFactory factory = new CommandFactory(context);
        CommandLine cl = new CommandLine(new QctlCommand(), factory);
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(new CommandLine(sub, factory));
        }
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // The exit codes of --help come from the one table the README and the man pages use too;
        // rendered only when help is printed (formatting them cost every start 10 ms).
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            help.commandSpec().usageMessage().footer(exitCodes());
            return help.footer();
        });
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
        CliContext run = context.forRun();
        List<String> words = Arrays.asList(args);
        if (!words.contains("--version") && !words.contains("-V") && !words.contains("--help") && !words.contains("-h")) {
            run.configs().prefetch(words);
        }
        CommandLine cl = commandLine(run, args);
        cl.setDefaultValueProvider(new ConfiguredDefaults(run, words));
        return cl.execute(args);
    }

    private static String[] exitCodes() {
        return Arrays.stream(ExitCode.values()).map(c -> String.format("  %d  %s", c.code(), c.meaning()))
                .toArray(String[]::new);
    }

    private static boolean debug(CommandLine.ParseResult parseResult) {
        return parseResult != null && Arrays.asList(parseResult.originalArgs().toArray(new String[0])).contains("--debug");
    }

    public static int report(CliContext context, Throwable e, boolean debug) {
        if (debug) {
            e.printStackTrace(context.err());
        }
        // qctl's own stdout closed by its reader (qctl list | head): not an error. A broken pipe
        // anywhere else (an SSH channel, a remote command) is one.
        context.out().flush();
        if (e instanceof UncheckedIOException && context.out().checkError()) {
            return ExitCode.OK.code();
        }
        String message = ExitCode.messageOf(e);
        if (!(e instanceof QctlException || e instanceof IllegalArgumentException || e instanceof OutOfMemoryError)
                && !debug) {
            message += " (run with --debug for details)";
        }
        context.err().println("qctl: " + Sanitizer.inline(message));
        context.err().flush();
        return ExitCode.of(e).code();
    }
}
