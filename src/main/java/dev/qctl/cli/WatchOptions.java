package dev.qctl.cli;

import dev.qctl.output.Terminal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * {@code --watch [SECONDS]}: repeat the command. On a terminal the screen is redrawn in place like
 * watch(1); into a pipe or file each round is a new block after a {@code --- time} line. Stops
 * when interrupted (Ctrl-C), or after {@code --count N} rounds.
 */
public final class WatchOptions {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--watch", arity = "0..1", fallbackValue = "2", paramLabel = "SECONDS",
            description = "Repeat every SECONDS (default 2): redraw in place on a terminal, new blocks otherwise.")
    Integer seconds;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N rounds.")
    Integer count;

    boolean enabled() {
        return seconds != null;
    }

    /** Runs {@code round} once, or repeatedly with --watch; returns the last round's exit code. */
    int run(CliContext context, Terminal terminal, String title, java.util.function.IntSupplier round) {
        if (!enabled()) {
            return round.getAsInt();
        }
        if (seconds < 1 || (count != null && count < 1)) {
            throw new IllegalArgumentException("--watch and --count take a whole number of at least 1");
        }
        int exit = 0;
        for (int i = 0; count == null || i < count; i++) {
            String now = TIME.format(context.clock().instant().atZone(ZoneId.systemDefault()));
            if (terminal.tty()) {
                context.out().print("\u001b[H\u001b[2J");
                context.out().print("Every " + seconds + "s: qctl " + title + "    " + now + "\n\n");
            } else {
                context.out().print((i == 0 ? "" : "\n") + "--- " + now + "\n");
            }
            exit = round.getAsInt();
            context.out().flush();
            if (count != null && i + 1 >= count) {
                break;
            }
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return exit;
    }
}
