package dev.qctl.cli;

import dev.qctl.output.OutputFormat;
import dev.qctl.output.Terminal;
import picocli.CommandLine.Option;

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

    Terminal terminal(CliContext context) {
        if (!color.equals("auto") && !color.equals("always") && !color.equals("never")) {
            throw new IllegalArgumentException("invalid --color '" + color + "' (expected auto, always or never)");
        }
        return Terminal.detect(color, context.env());
    }
}
