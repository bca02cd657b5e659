package dev.qctl.cli;

import dev.qctl.output.Terminal;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Asks the person at the terminal a yes/no question through {@code /dev/tty}, so a confirmation
 * works even when the IDs come in on stdin ({@code qctl list -o ids | qctl delete -}).
 */
final class Prompter {
    private Prompter() {
    }

    /**
     * Whether there is a person to ask: stdout or stderr is a terminal and the controlling
     * terminal opens. Never decided by stdin, which may carry the IDs.
     */
    static boolean available() {
        if (!Terminal.stdoutIsTerminal() && !Terminal.stderrIsTerminal()) {
            return false;
        }
        try (FileInputStream tty = new FileInputStream("/dev/tty")) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Shows the text and the question; true only for an answer starting with y. */
    static boolean confirm(String text, String question) {
        try (FileInputStream in = new FileInputStream("/dev/tty");
             FileOutputStream outStream = new FileOutputStream("/dev/tty")) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(outStream, StandardCharsets.UTF_8), true);
            out.print(text);
            out.print(question + " [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            return false;
        }
    }
}
