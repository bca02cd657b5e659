package dev.qctl.output;

/**
 * What qctl knows about where its output goes: whether it is a terminal, whether colour is wanted,
 * and how wide the terminal is (0 when unknown or not a terminal).
 */
public record Terminal(boolean tty, boolean color, int width) {
    public static final Terminal PIPE = new Terminal(false, false, 0);

    /**
     * Colour only on a terminal, never when {@code NO_COLOR} is set (https://no-color.org) or the
     * terminal is dumb; {@code --color always|never} overrides.
     */
    public static Terminal detect(String colorChoice, java.util.Map<String, String> env) {
        boolean tty = stdoutIsTerminal();
        String noColor = env.get("NO_COLOR");
        boolean dumb = "dumb".equals(env.get("TERM"));
        boolean color;
        switch (colorChoice == null ? "auto" : colorChoice) {
            case "always":
                color = true;
                break;
            case "never":
                color = false;
                break;
            default:
                color = tty && !dumb && (noColor == null || noColor.isEmpty());
        }
        return new Terminal(tty, color, tty ? widthFrom(env) : 0);
    }

    /** Whether qctl's stdout is a terminal (whatever stdin is: {@code qctl show ID </dev/null}). */
    public static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    /** Whether qctl's stderr is a terminal: prompts, warnings and progress are seen there. */
    public static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /**
     * Linux tells through /proc which device a descriptor is open on: a terminal is a tty or pty
     * device. Java 17's {@code System.console()} is null as soon as stdin is redirected, so it is
     * only the fallback where /proc is missing (and there it errs towards "not a terminal").
     */
    static boolean isTerminal(int fd) {
        java.nio.file.Path link = java.nio.file.Path.of("/proc/self/fd/" + fd);
        try {
            return isTerminalDevice(java.nio.file.Files.readSymbolicLink(link).toString());
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }

    private static int widthFrom(java.util.Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
            return columns > 0 ? columns : 0;
        } catch (NumberFormatException e) {
            return TerminalSize.columns();
        }
    }
}
