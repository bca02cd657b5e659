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

    /**
     * Java 17 has a console only when stdin and stdout are terminals; from Java 22 there is one
     * for pipes too, and {@code Console.isTerminal()} (asked reflectively) tells the difference.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
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
