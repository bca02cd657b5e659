package dev.qctl.cli;

import dev.qctl.output.OutputFormat;
import dev.qctl.output.Terminal;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How to print: shared by every command with output. */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = Converters.Format.class, completionCandidates = Converters.FormatNames.class,
            description = "Output format: table, wide, json, ndjson, yaml, csv or ids (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--no-headers", description = "Leave out the header line of tables and CSV.")
    boolean noHeaders;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            completionCandidates = Converters.ColorChoices.class,
            description = "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
    String color = "auto";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The format for a command that can print only {@code printable}: -o given on the command line
     * must be one of them (else a usage error naming them); the config's default that is not falls
     * back to table, so {@code defaults.output: ids} does not break {@code qctl summary}.
     */
    OutputFormat format(Set<OutputFormat> printable, String what) {
        if (printable.contains(format)) {
            return format;
        }
        if (command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && !command.commandLine().getParseResult().hasMatchedOption("--output")) {
            return OutputFormat.TABLE;
        }
        throw new IllegalArgumentException(what);
    }

    Terminal terminal(CliContext context) {
        if (!color.equals("auto") && !color.equals("always") && !color.equals("never")) {
            throw new IllegalArgumentException("invalid --color '" + color + "' (expected auto, always or never)");
        }
        return Terminal.detect(color, context.env());
    }
}
