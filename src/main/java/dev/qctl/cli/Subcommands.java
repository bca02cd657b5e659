package dev.qctl.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * Which subcommands a command line needs in its model: the one its first word names (by name or
 * alias), none for a bare {@code --version}, else all (help, a mistyped command and its suggestions,
 * and {@code completion}, which prints the whole tree).
 */
final class Subcommands {
    private Subcommands() {
    }

    static List<Class<?>> needed(List<Class<?>> all, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return List.of();
        }
        String word = firstWord(args);
        if (word == null || word.equals("completion")) {
            return all;
        }
        for (Class<?> type : all) {
            Command command = type.getAnnotation(Command.class);
            if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
                return List.of(type);
            }
        }
        return all;
    }

    /** The first argument that is not an option of qctl itself (--debug, --help, --version). */
    private static String firstWord(String... args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
