package dev.qctl.exec;

import java.util.List;

/**
 * An external command as an argument vector: never a shell string. Transports pass it on
 * verbatim (locally) or quote every element strictly (over SSH, later).
 */
public record Command(List<String> argv) {
    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    public String program() {
        return argv.get(0);
    }

    /** The command as a human would type it, for --dry-run and error messages. */
    public String display() {
        return ShellQuoting.join(argv);
    }

    @Override
    public String toString() {
        return display();
    }
}
