package dev.qctl.output;

import picocli.CommandLine.Help.Ansi.Style;

/**
 * The few styles qctl uses, as escape sequences from picocli's {@link Style} (never through
 * picocli's markup parser, which message data could otherwise drive).
 */
public final class Ansi {
    public static final String RESET = Style.reset.on();
    public static final String BOLD = Style.bold.on();
    public static final String GREEN = Style.fg_green.on();
    public static final String YELLOW = Style.fg_yellow.on();
    public static final String RED = Style.fg_red.on();
    public static final String CYAN = Style.fg_cyan.on();
    public static final String MAGENTA = Style.fg_magenta.on();
    public static final String FAINT = Style.faint.on();

    private Ansi() {
    }
}
